package io.itinera.runtime.simulate;

import java.util.List;

/**
 * Two versions of a journey replayed over the same log in one pass, and how they differ; {@code labels}
 * name the two runs (the journeys' names are often the same).
 */
public record ComparisonReport(Labels labels, SimulationReport base, SimulationReport other, List<Difference> differences) {

	/** One figure in both versions; {@code change} is other - base. */
	public record Difference(String figure, double base, double other, double change) {
	}

	/** What the report calls each run, e.g. "v1 (post-purchase.journey)" and "v2 (post-purchase-v2.journey)". */
	public record Labels(String base, String other) {
	}
}
