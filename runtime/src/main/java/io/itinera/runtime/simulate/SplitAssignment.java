package io.itinera.runtime.simulate;

import io.itinera.runtime.plan.Split;

/** Which arm of a split a customer falls in: deterministic, so a replay and a live run agree. */
@FunctionalInterface
public interface SplitAssignment {
	/** The index of the customer's arm in {@code split.arms()}. */
	int arm(Split split, String customerId);
}
