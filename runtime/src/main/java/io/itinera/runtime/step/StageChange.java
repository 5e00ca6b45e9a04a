package io.itinera.runtime.step;

/**
 * A customer moved between stages; {@code from} is null on entry, {@code to} null on exit.
 * {@code version} names the version of the journey that moved them while two run side by side
 * ({@code run --pin-old}), else null.
 */
public record StageChange(String customerId, long at, String from, String to, String cause, String version) {
	public StageChange(String customerId, long at, String from, String to, String cause) {
		this(customerId, at, from, to, cause, null);
	}

	public StageChange withVersion(String planVersion) {
		return new StageChange(customerId, at, from, to, cause, planVersion);
	}
}
