package io.itinera.runtime.plan;

import java.util.List;

/** Deterministic A/B/n assignment of the customers in {@code stage} by a hash of their id. */
public record Split(String name, String stage, List<Arm> arms, SourceLocation location) {
	public Split {
		arms = List.copyOf(arms);
	}

	/** {@code percent}% of customers get {@code campaign}, or nothing when {@code holdout}. */
	public record Arm(int percent, String campaign, boolean holdout, SourceLocation location) {
		/** The arm's name in facts and reports: the campaign, or "holdout". */
		public String label() {
			return holdout ? "holdout" : campaign;
		}
	}
}
