package io.itinera.runtime.step;

/**
 * A customer moved between stages; {@code from} is null on entry, {@code to} null on exit.
 * {@code journey} is set in a workspace run (null when one journey runs alone).
 */
public record StageChange(String customerId, long at, String from, String to, String cause, String journey) {
	public StageChange(String customerId, long at, String from, String to, String cause) {
		this(customerId, at, from, to, cause, null);
	}

	public StageChange inJourney(String journeyName) {
		return new StageChange(customerId, at, from, to, cause, journeyName);
	}

	/** How stage counts name a stage: {@code Journey/Stage} in a workspace, the stage alone otherwise. */
	public static String countKey(String journey, String stage) {
		return journey == null ? stage : journey + "/" + stage;
	}
}
