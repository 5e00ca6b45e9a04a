package io.itinera.serve.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Counts over the last hour, by name, in one-minute buckets (for the status page). */
public final class LastHour {
	private static final int MINUTES = 60;
	private static final long MINUTE_MILLIS = 60_000;

	private final Map<String, Buckets> counts = new ConcurrentHashMap<>();

	private static final class Buckets {
		private final long[] minute = new long[MINUTES];
		private final long[] count = new long[MINUTES];

		synchronized void add(long now, long n) {
			long m = now / MINUTE_MILLIS;
			int i = (int) (m % MINUTES);
			if (minute[i] != m) {
				minute[i] = m;
				count[i] = 0;
			}
			count[i] += n;
		}

		synchronized long total(long now) {
			long m = now / MINUTE_MILLIS;
			long sum = 0;
			for (int i = 0; i < MINUTES; i++) {
				if (m - minute[i] < MINUTES) {
					sum += count[i];
				}
			}
			return sum;
		}
	}

	public void add(String name, long n) {
		if (n != 0) {
			counts.computeIfAbsent(name, k -> new Buckets()).add(System.currentTimeMillis(), n);
		}
	}

	/** Each name's count over the last 60 minutes, by name. */
	public Map<String, Long> totals() {
		long now = System.currentTimeMillis();
		Map<String, Long> totals = new TreeMap<>();
		counts.forEach((name, buckets) -> totals.put(name, buckets.total(now)));
		return totals;
	}
}
