package io.itinera.runtime.assembly;

import io.itinera.runtime.change.PinnedVersionsStep;
import io.itinera.runtime.change.SwitchingStep;
import io.itinera.runtime.delivery.DeliverySettings;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.rules.CampaignRules;
import io.itinera.runtime.step.SingleJourneyStep;
import io.itinera.runtime.step.PlanStep;
import io.itinera.runtime.workspace.WorkspaceSettings;
import io.itinera.runtime.workspace.WorkspaceStep;
import java.util.List;
import java.util.Map;

/**
 * The one place step functions are built and stacked: a journey's own step, a workspace over its
 * journeys' steps, pinned versions beside the current one, a switch from one version to another.
 * Every host gets its steps from here (through {@link AssembledRuntime#newStep()}).
 */
public final class StepStack {
	private StepStack() {
	}

	static PlanStep journey(JourneyPlan plan, CampaignRules rules, DeliverySettings delivery) {
		return new PlanStep(plan, rules, delivery);
	}

	static WorkspaceStep workspace(List<? extends SingleJourneyStep> journeys, WorkspaceSettings settings) {
		return new WorkspaceStep(journeys, settings);
	}

	/** The current version's step, with the pinned versions' beside it (none: the current step alone). */
	static SingleJourneyStep pinned(SingleJourneyStep current, String currentVersion, Map<String, ? extends SingleJourneyStep> pinned) {
		return pinned.isEmpty() ? current : new PinnedVersionsStep(current, currentVersion, pinned);
	}

	/**
	 * {@code from}'s step up to {@code at}, then {@code to}'s ({@code simulate --switch-at}).
	 *
	 * @throws IllegalArgumentException when the versions cannot be switched (the message says why)
	 */
	public static SingleJourneyStep switching(AssembledJourney from, AssembledJourney to, long at) {
		return new SwitchingStep(from.newStep(), to.newStep(), at);
	}
}
