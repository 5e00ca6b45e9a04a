package io.itinera.runtime.plan;

/** At most {@code limit} actions per {@code periodMillis}, of one channel or (null) of any. */
public record Cap(int limit, long periodMillis, Channel channel, SourceLocation location) {
}
