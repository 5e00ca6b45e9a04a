package io.itinera.runtime.change;

import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.Stage;
import io.itinera.runtime.step.ActionRecord;
import io.itinera.runtime.step.CustomerState;
import io.itinera.runtime.step.SingleJourneyStep;
import io.itinera.runtime.step.StepInput;
import io.itinera.runtime.step.StepResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two or more versions of a journey side by side ({@code run --pin-old}): a customer pinned to an
 * older version ({@link PlanVersion#pinnedTo}) steps on it until they finish — leave the journey or
 * reach a terminal stage of it (one without transitions) —, and in that same step moves to the
 * current version by the current version's migration rules ({@link CustomerMigration}; a stage
 * change with cause {@code migrate} when their stage changes). Everyone else, new customers
 * included, steps on the current version. A pinned customer whose stage never ends (a lifecycle
 * stage, or a terminal stage the current version has no place for) stays on their version; {@code
 * itinera migrate} moves them. Actions and stage changes say which version decided them.
 */
public final class PinnedVersionsStep implements SingleJourneyStep {
	private final SingleJourneyStep current;
	private final String currentVersion;
	private final Map<String, Pinned> pinned = new LinkedHashMap<>();

	private record Pinned(SingleJourneyStep step, CustomerMigration toCurrent) {
	}

	/** @param pinnedSteps older versions by {@link PlanVersion}, each with a step function of its own */
	public PinnedVersionsStep(SingleJourneyStep current, String currentVersion, Map<String, ? extends SingleJourneyStep> pinnedSteps) {
		this.current = current;
		this.currentVersion = currentVersion;
		pinnedSteps.forEach((version, step) -> pinned.put(version,
				new Pinned(step, new CustomerMigration(step.plan(), current.plan()))));
	}

	@Override
	public JourneyPlan plan() {
		return current.plan();
	}

	@Override
	public SingleJourneyStep withoutOwnConsent() {
		Map<String, SingleJourneyStep> versions = new LinkedHashMap<>();
		pinned.forEach((version, old) -> versions.put(version, old.step().withoutOwnConsent()));
		return new PinnedVersionsStep(current.withoutOwnConsent(), currentVersion, versions);
	}

	/** A send's topic by the version that decided it: the current one's campaigns first, then the pinned ones'. */
	@Override
	public String topicOf(ActionRecord send) {
		String topic = current.topicOf(send);
		for (Pinned old : pinned.values()) {
			if (topic != null) {
				break;
			}
			topic = old.step().topicOf(send);
		}
		return topic;
	}

	@Override
	public JourneyPlan planOf(CustomerState state) {
		String version = PlanVersion.pinnedTo(state);
		return version == null ? current.planOf(state) : versionOf(state, version).step().planOf(state);
	}

	@Override
	public CustomerState initialState(String customerId) {
		return current.initialState(customerId);
	}

	@Override
	public StepResult apply(CustomerState state, StepInput input) {
		return step(state, input, false);
	}

	@Override
	public StepResult applyInPlace(CustomerState state, StepInput input) {
		return step(state, input, true);
	}

	private StepResult step(CustomerState state, StepInput input, boolean inPlace) {
		String version = PlanVersion.pinnedTo(state);
		if (version == null) {
			return labelled(inPlace ? current.applyInPlace(state, input) : current.apply(state, input), currentVersion);
		}
		Pinned old = versionOf(state, version);
		StepResult result = labelled(inPlace ? old.step().applyInPlace(state, input) : old.step().apply(state, input), version);
		if (!finished(old.step().plan(), result.state())) {
			return result;
		}
		CustomerMigration.Result moved;
		try {
			moved = old.toCurrent().apply(result.state(), List.of(), input.at());
		} catch (IllegalArgumentException nowhereToGo) {
			return result; // a terminal stage the current version has no place for: they stay on their version
		}
		PlanVersion.unpin(moved.state());
		return result.then(labelled(moved.asStep(input.at()), currentVersion));
	}

	private Pinned versionOf(CustomerState state, String version) {
		Pinned old = pinned.get(version);
		if (old == null) {
			throw new IllegalStateException("customer " + state.customerId() + " runs on version " + version
					+ " of the journey, which the state does not keep");
		}
		return old;
	}

	/** Out of the journey, or in a stage without transitions: the journey of this version is over for them. */
	public static boolean finished(JourneyPlan plan, CustomerState state) {
		if (!state.inJourney()) {
			return true;
		}
		Stage stage = plan.stage(state.stage());
		return stage != null && stage.transitions().isEmpty();
	}

	private static StepResult labelled(StepResult result, String version) {
		return result.relabelled(action -> action.withVersion(version), change -> change.withVersion(version));
	}
}
