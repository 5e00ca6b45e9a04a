package io.itinera.runtime.step;

import io.itinera.runtime.plan.JourneyPlan;

/**
 * The step function of one journey, whatever stands behind it: one version ({@link PlanStep}),
 * versions side by side, a switch from one version to another. Steps that compose journeys (a
 * workspace) or versions of one (pinning, switching) take these, so they stack: a workspace of
 * pinned journeys is a workspace over pinned-versions steps.
 */
public interface SingleJourneyStep extends JourneyStep {
	/** The journey's current version: its name and priority, what new customers step on. */
	JourneyPlan plan();

	/** The version {@code state} is laid out for and steps on: the current one unless the step keeps others. */
	default JourneyPlan planOf(CustomerState state) {
		return plan();
	}

	/** This journey as a workspace runs it: consent is the workspace's to decide, over the customer's shared consents. */
	SingleJourneyStep withoutOwnConsent();

	/** The subscription topic of a send this journey decided (its own, else its campaign's); null for none. */
	String topicOf(ActionRecord send);
}
