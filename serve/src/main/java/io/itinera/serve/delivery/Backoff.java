package io.itinera.serve.delivery;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

/** How long to wait before the next try: exponential with full jitter, or what the provider's Retry-After asks. */
final class Backoff {
	private static final long MOST_RETRY_AFTER_MILLIS = 300_000;

	private Backoff() {
	}

	/** @param failedAttempts tries so far (1 after the first) */
	static long delayMillis(int failedAttempts, long baseMillis, long maxMillis) {
		long ceiling = Math.min(maxMillis, baseMillis << Math.min(20, failedAttempts - 1));
		return ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1);
	}

	/** A Retry-After header (seconds or an HTTP date) in milliseconds from now; -1 when absent or unreadable. */
	static long retryAfterMillis(String header) {
		if (header == null || header.isBlank()) {
			return -1;
		}
		String value = header.trim();
		try {
			return Math.min(MOST_RETRY_AFTER_MILLIS, Math.max(0, (long) (Double.parseDouble(value) * 1000)));
		} catch (NumberFormatException notSeconds) {
			try {
				ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
				return Math.min(MOST_RETRY_AFTER_MILLIS, Math.max(0, Duration.between(ZonedDateTime.now(), at).toMillis()));
			} catch (RuntimeException notADate) {
				return -1;
			}
		}
	}
}
