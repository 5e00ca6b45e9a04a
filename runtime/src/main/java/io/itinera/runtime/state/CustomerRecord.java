package io.itinera.runtime.state;

/** A customer as a checkpoint writes them: their encoded slot, and whether timers or held events wait in it. */
public record CustomerRecord(byte[] bytes, boolean pendingWork) {
}
