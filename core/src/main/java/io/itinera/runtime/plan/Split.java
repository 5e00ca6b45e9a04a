package io.itinera.runtime.plan;

import java.util.List;

/**
 * Deterministic A/B/n assignment of the customers in {@code stage} by a hash of their id; with
 * {@code autoWinner} (null: a fixed split) the campaign arms' percentages are only the starting
 * weights of a split that learns its winner.
 */
public record Split(String name, String stage, List<Arm> arms, SourceLocation location, AutoWinner autoWinner) {
	public Split {
		arms = List.copyOf(arms);
	}

	/** A fixed split. */
	public Split(String name, String stage, List<Arm> arms, SourceLocation location) {
		this(name, stage, arms, location, null);
	}

	/** Whether the split re-weights its arms ({@code auto winner by goal}). */
	public boolean learns() {
		return autoWinner != null;
	}

	/** {@code percent}% of customers get {@code campaign}, or nothing when {@code holdout}. */
	public record Arm(int percent, String campaign, boolean holdout, SourceLocation location) {
		/** The arm's name in facts and reports: the campaign, or "holdout". */
		public String label() {
			return holdout ? "holdout" : campaign;
		}
	}

	/**
	 * {@code auto winner by goal [min N per arm] [confidence C%] [every D]}: Thompson sampling from each arm's
	 * goal conversions, weights changed at every {@code everyMillis} of event time; it stops exploring once every
	 * arm has {@code minPerArm} customers and, at {@code confidencePercent}%, more testing would not lift the
	 * leader's conversion by more than 1%.
	 */
	public record AutoWinner(int minPerArm, int confidencePercent, long everyMillis) {
		public static final int DEFAULT_MIN_PER_ARM = 100;
		public static final int DEFAULT_CONFIDENCE = 95;
		public static final long DEFAULT_EVERY_MILLIS = 12L * 3_600_000L;
	}
}
