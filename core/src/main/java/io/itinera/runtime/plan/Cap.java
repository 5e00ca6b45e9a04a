package io.itinera.runtime.plan;

import java.util.Locale;

/** At most {@code limit} actions per {@code periodMillis}, of one channel or (null) of any. */
public record Cap(int limit, long periodMillis, Channel channel, SourceLocation location) {

	/** As a marketer writes it: {@code email 2 per 7 days}, {@code 3 per 1 day} (any channel). */
	public String describe() {
		return (channel == null ? "" : channel.name().toLowerCase(Locale.ROOT) + " ") + limit + " per "
				+ ExprText.duration(periodMillis);
	}
}
