package io.itinera.runtime.change;

import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.Stage;
import io.itinera.runtime.step.CustomerState;
import io.itinera.runtime.step.JourneyStep;
import io.itinera.runtime.step.PlanStep;
import io.itinera.runtime.step.StageChange;
import io.itinera.runtime.step.StepInput;
import io.itinera.runtime.step.StepResult;
import io.itinera.runtime.step.TimerRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
public final class PinnedVersionsStep implements JourneyStep {
	private final PlanStep current;
	private final String currentVersion;
	private final Map<String, Pinned> pinned = new LinkedHashMap<>();

	private record Pinned(PlanStep step, CustomerMigration toCurrent) {
	}

	/** @param pinnedSteps older versions by {@link PlanVersion}, each with a step function of its own */
	public PinnedVersionsStep(PlanStep current, String currentVersion, Map<String, PlanStep> pinnedSteps) {
		this.current = current;
		this.currentVersion = currentVersion;
		pinnedSteps.forEach((version, step) -> pinned.put(version,
				new Pinned(step, new CustomerMigration(step.plan(), current.plan()))));
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
		Pinned old = pinned.get(version);
		if (old == null) {
			throw new IllegalStateException("customer " + state.customerId() + " runs on version " + version
					+ " of the journey, which the state does not keep");
		}
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
		return movedToCurrent(result, moved, input.at());
	}

	/** Out of the journey, or in a stage without transitions: the journey of this version is over for them. */
	public static boolean finished(JourneyPlan plan, CustomerState state) {
		if (!state.inJourney()) {
			return true;
		}
		Stage stage = plan.stage(state.stage());
		return stage != null && stage.transitions().isEmpty();
	}

	private StepResult movedToCurrent(StepResult result, CustomerMigration.Result moved, long at) {
		Set<String> cancelled = new HashSet<>(moved.timersToCancel());
		List<String> timersToCancel = new ArrayList<>(result.timersToCancel());
		timersToCancel.addAll(moved.timersToCancel());
		List<TimerRequest> timersToSet = new ArrayList<>();
		for (TimerRequest timer : result.timersToSet()) {
			if (!cancelled.contains(timer.timerId())) {
				timersToSet.add(timer);
			}
		}
		timersToSet.addAll(moved.timersToSet());
		List<StageChange> stageChanges = new ArrayList<>(result.stageChanges());
		if (moved.oldStage() != null && (moved.left() || !moved.oldStage().equals(moved.newStage()))) {
			stageChanges.add(new StageChange(moved.state().customerId(), at, moved.oldStage(), moved.newStage(), "migrate")
					.withVersion(currentVersion));
		}
		return new StepResult(moved.state(), result.actions(), timersToSet, timersToCancel, result.scoreRequests(), stageChanges,
				result.goalsReached(), result.deliveryNotices(), result.goalEvents());
	}

	private static StepResult labelled(StepResult result, String version) {
		if (result.actions().isEmpty() && result.stageChanges().isEmpty()) {
			return result;
		}
		return new StepResult(result.state(), result.actions().stream().map(a -> a.withVersion(version)).toList(),
				result.timersToSet(), result.timersToCancel(), result.scoreRequests(),
				result.stageChanges().stream().map(c -> c.withVersion(version)).toList(), result.goalsReached(),
				result.deliveryNotices(), result.goalEvents());
	}
}
