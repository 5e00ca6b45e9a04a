package io.itinera.runtime.simulate;

import java.util.List;

/** Two versions of a journey replayed over the same log in one pass, and how they differ. */
public record ComparisonReport(SimulationReport base, SimulationReport other, List<Difference> differences) {

	/** One figure in both versions; {@code change} is other - base. */
	public record Difference(String figure, double base, double other, double change) {
	}
}
