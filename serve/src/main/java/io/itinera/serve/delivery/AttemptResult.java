package io.itinera.serve.delivery;

/**
 * How one try went.
 *
 * @param retryAfterMillis when to try again as the provider (Retry-After) or an open circuit asks; -1: back off
 */
record AttemptResult(Kind kind, String error, long retryAfterMillis, boolean throttled) {
	enum Kind {
		/** The provider accepted it. */
		DELIVERED,
		/** It failed in a way another try may fix (5xx, 408, 429, a timeout, a broken connection). */
		RETRY,
		/** The provider refused it for good (another 4xx). */
		PERMANENT,
		/** Not sent: the endpoint's circuit is open. Does not count as a try. */
		NOT_TRIED
	}

	static final AttemptResult DELIVERED_RESULT = new AttemptResult(Kind.DELIVERED, null, -1, false);
}
