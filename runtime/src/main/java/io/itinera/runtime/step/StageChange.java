package io.itinera.runtime.step;

/** A customer moved between stages; {@code from} is null on entry, {@code to} null on exit. */
public record StageChange(String customerId, long at, String from, String to, String cause) {
}
