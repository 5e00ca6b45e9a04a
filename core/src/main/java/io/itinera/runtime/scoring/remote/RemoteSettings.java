package io.itinera.runtime.scoring.remote;

import java.time.Duration;

/**
 * How patient the remote scorer is.
 *
 * @param timeout          one request's limit, connection included
 * @param attempts         tries of one batch before it counts as a failure of the server
 * @param firstBackoff     the pause after a first failed try; doubled after each further one
 * @param maxBackoff       the longest pause, also between tries while customers are held
 * @param breakerFailures  failed batches in a row that open the circuit
 * @param breakerOpenFor   how long an open circuit sends nothing before one batch tries again
 */
public record RemoteSettings(Duration timeout, int attempts, Duration firstBackoff, Duration maxBackoff,
		int breakerFailures, Duration breakerOpenFor) {
	public static final RemoteSettings DEFAULTS = new RemoteSettings(Duration.ofSeconds(2), 3, Duration.ofMillis(50),
			Duration.ofSeconds(5), 5, Duration.ofSeconds(10));

	public RemoteSettings {
		if (attempts < 1 || breakerFailures < 1) {
			throw new IllegalArgumentException("attempts and breakerFailures must be at least 1");
		}
	}

	/** The pause after the {@code failures}-th failure in a row (1 for the first). */
	Duration backoff(int failures) {
		long millis = firstBackoff.toMillis() << Math.min(20, Math.max(0, failures - 1));
		return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
	}
}
