package io.itinera.runtime.step;

/**
 * A customer moved between stages; {@code from} is null on entry, {@code to} null on exit.
 * {@code journey} is set in a workspace run (null when one journey runs alone); {@code version} names
 * the version of the journey that moved them while two run side by side ({@code run --pin-old}), else null.
 */
public record StageChange(String customerId, long at, String from, String to, String cause, String journey, String version) {
	public StageChange(String customerId, long at, String from, String to, String cause) {
		this(customerId, at, from, to, cause, null, null);
	}

	public StageChange withVersion(String planVersion) {
		return new StageChange(customerId, at, from, to, cause, journey, planVersion);
	}

	public StageChange inJourney(String journeyName) {
		return new StageChange(customerId, at, from, to, cause, journeyName, version);
	}

	/** How stage counts name a stage: {@code Journey/Stage} in a workspace, the stage alone otherwise. */
	public static String countKey(String journey, String stage) {
		return journey == null ? stage : journey + "/" + stage;
	}
}
