package io.itinera.runtime.engine;

/**
 * Where the engine's clock comes from. {@code EVENT_TIME} (replay): time is the largest event time
 * read so far (the watermark); timers fire as it passes them; results do not depend on thread
 * timing. {@code WALL_CLOCK} (live input): timers fire by the system clock.
 */
public enum TimeMode {
	EVENT_TIME, WALL_CLOCK
}
