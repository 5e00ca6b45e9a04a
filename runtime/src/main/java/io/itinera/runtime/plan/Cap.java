package io.itinera.runtime.plan;

import java.util.Locale;

/** At most {@code limit} actions per {@code periodMillis}, of one channel or (null) of any. */
public record Cap(int limit, long periodMillis, Channel channel, SourceLocation location) {
	private static final long[] UNITS = { 7 * 86_400_000L, 86_400_000L, 3_600_000L, 60_000L, 1_000L };
	private static final String[] UNIT_NAMES = { "week", "day", "hour", "minute", "second" };

	/** As a marketer writes it: {@code email 2 per 7 days}, {@code 3 per 1 day} (any channel). */
	public String describe() {
		String period = periodMillis + " ms";
		for (int u = 1; u < UNITS.length; u++) { // days before weeks: "7 days" reads as written
			if (periodMillis % UNITS[u] == 0) {
				long n = periodMillis / UNITS[u];
				period = n + " " + UNIT_NAMES[u] + (n == 1 ? "" : "s");
				break;
			}
		}
		return (channel == null ? "" : channel.name().toLowerCase(Locale.ROOT) + " ") + limit + " per " + period;
	}
}
