package io.itinera.runtime.change;

import io.itinera.runtime.plan.Campaign;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.Migration;
import io.itinera.runtime.plan.Split;
import io.itinera.runtime.plan.Stage;
import io.itinera.runtime.delivery.SplitAssignment;
import io.itinera.runtime.step.KeptSplitArms;
import io.itinera.runtime.plan.Transition;
import io.itinera.runtime.step.CustomerState;
import io.itinera.runtime.step.StageChange;
import io.itinera.runtime.step.StepResult;
import io.itinera.runtime.step.TimerRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One stored customer moved from the running version of a journey to a new one, purely: the new
 * state (laid out for the new plan by {@link StateLayout}, in the stage {@link StageMatching}
 * gives, or out of the journey for {@code -> exit}) and the timers to cancel and to set.
 *
 * <p>A stage timer ({@code Stage#index@enteredAt}) the new stage keeps ({@link TimerCarryOver})
 * keeps its due time under its new id; a new one counts from the stage entry ({@code timers from
 * entry}, possibly already due: the driver fires it with the customer's next input) or from
 * {@code now}. A campaign's {@code every D} timer ({@code Stage#every:Campaign@due}) is kept when
 * the new stage has the same campaign and period; a new schedule starts one period after
 * {@code now} whatever the basis, since a schedule in the past would fire once per missed period.
 * Other timers (held sends) stay as they are. A split whose arms changed keeps each customer's arm
 * ({@link KeptSplitArms}): the new percentages are for customers who come after.
 */
public final class CustomerMigration {
	private final JourneyPlan oldPlan;
	private final JourneyPlan newPlan;
	private final StageMatching stages;
	private final StateLayout layout;
	private final Migration.TimerBasis basis;
	/** Splits of both versions whose arms changed: each customer keeps the arm they had. */
	private final List<Split> changedSplits = new ArrayList<>();

	public CustomerMigration(JourneyPlan oldPlan, JourneyPlan newPlan) {
		this.oldPlan = oldPlan;
		this.newPlan = newPlan;
		this.stages = StageMatching.between(oldPlan, newPlan);
		this.layout = new StateLayout(oldPlan, newPlan, stages);
		this.basis = newPlan.migration() == null ? Migration.TimerBasis.ENTRY : newPlan.migration().timers();
		for (Split old : oldPlan.splits()) {
			Split current = PlanDiff.split(newPlan, old.name());
			if (current != null && !PlanText.arms(old).equals(PlanText.arms(current))) {
				changedSplits.add(old);
			}
		}
	}

	public static Result apply(JourneyPlan oldPlan, JourneyPlan newPlan, CustomerState state, List<TimerRequest> pendingTimers,
			long now) {
		return new CustomerMigration(oldPlan, newPlan).apply(state, pendingTimers, now);
	}

	public StageMatching stages() {
		return stages;
	}

	/**
	 * What becomes of one customer. {@code timersToCancel} and {@code timersToSet} both hold a timer
	 * that only changed its id; {@code timersMoved} counts those.
	 *
	 * @param oldStage the customer's stage in the running version, null when they were not in it
	 * @param newStage their stage in the new version, null when not in it
	 */
	public record Result(CustomerState state, String oldStage, String newStage, boolean left, List<String> timersToCancel,
			List<TimerRequest> timersToSet, int timersMoved) {
		public boolean moved() {
			return oldStage != null && !oldStage.equals(newStage);
		}

		/**
		 * The migration as a step's effects at {@code at}: the migrated state, its timers cancelled and set,
		 * and a stage change with cause {@code migrate} when the customer's stage changes or they leave.
		 */
		public StepResult asStep(long at) {
			List<StageChange> changes = oldStage != null && (left || !oldStage.equals(newStage))
					? List.of(new StageChange(state.customerId(), at, oldStage, newStage, "migrate"))
					: List.of();
			return new StepResult(state, List.of(), timersToSet, timersToCancel, List.of(), changes);
		}
	}

	/** @throws IllegalArgumentException when the customer's stage is gone and nothing says where its customers go */
	public Result apply(CustomerState state, List<TimerRequest> pendingTimers, long now) {
		String oldStageName = state.stage();
		if (oldStageName == null) {
			return new Result(relaid(state, state.lastStage(), false, state.lastExitAt(), state.pendingTimers()), null, null, false,
					List.of(), List.of(), 0);
		}
		StageMatching.Match match = stages.of(oldStageName);
		if (match == null || match.how() == StageMatching.How.REMOVED) {
			throw new IllegalArgumentException("stage " + oldStageName + " of " + oldPlan.name()
					+ " is gone from the new version and its customers have nowhere to go: add `" + oldStageName
					+ " -> Stage` or `" + oldStageName + " -> exit` to the new version's migrate block");
		}
		Map<String, Long> dueById = new HashMap<>();
		pendingTimers.forEach(timer -> dueById.put(timer.timerId(), timer.dueAt()));
		Timers timers = new Timers(state.customerId());
		Stage oldStage = oldPlan.stage(oldStageName);
		if (match.exits()) {
			state.pendingTimers().stream().filter(id -> id.startsWith(oldStageName + "#")).forEach(timers.cancel::add);
			List<String> remaining = new ArrayList<>(state.pendingTimers());
			remaining.removeAll(timers.cancel);
			return new Result(relaid(state, oldStageName, false, now, remaining), oldStageName, null, true, timers.cancel, timers.set,
					0);
		}
		Stage newStage = newPlan.stage(match.newStage());
		List<String> pending = new ArrayList<>();
		for (String id : state.pendingTimers()) {
			if (!id.startsWith(oldStageName + "#")) {
				pending.add(id);
			}
		}
		carryStageTimers(state, oldStage, newStage, dueById, now, timers);
		carrySchedules(state, oldStage, newStage, dueById, now, timers);
		pending.addAll(timers.newIds);
		return new Result(relaid(state, newStage.name(), true, state.lastExitAt(), pending), oldStageName, newStage.name(), false,
				timers.cancel, timers.set, timers.moved);
	}

	private void carryStageTimers(CustomerState state, Stage oldStage, Stage newStage, Map<String, Long> dueById, long now,
			Timers timers) {
		TimerCarryOver carryOver = TimerCarryOver.between(oldStage, newStage, stages);
		for (String id : state.pendingTimers()) {
			int index = transitionIndex(id, oldStage.name());
			if (index < 0) {
				continue;
			}
			TimerCarryOver.Kept kept = carryOver.kept().stream().filter(k -> k.oldIndex() == index).findFirst().orElse(null);
			if (kept == null) {
				timers.cancel.add(id);
			} else {
				String newId = newStage.name() + "#" + kept.newIndex() + id.substring(id.indexOf('@'));
				timers.keep(id, newId, dueById.getOrDefault(id, state.stageEnteredAt() + delay(oldStage, index)));
			}
		}
		for (int index : carryOver.added()) {
			long from = basis == Migration.TimerBasis.NOW ? now : state.stageEnteredAt();
			timers.add(newStage.name() + "#" + index + "@" + from, from + delay(newStage, index));
		}
	}

	private void carrySchedules(CustomerState state, Stage oldStage, Stage newStage, Map<String, Long> dueById, long now,
			Timers timers) {
		Map<String, Long> newPeriods = periods(newPlan, newStage.name());
		Map<String, Long> oldPeriods = periods(oldPlan, oldStage.name());
		String oldPrefix = oldStage.name() + "#every:";
		for (String id : state.pendingTimers()) {
			if (!id.startsWith(oldPrefix)) {
				continue;
			}
			String campaign = id.substring(oldPrefix.length(), id.lastIndexOf('@'));
			Long period = newPeriods.get(campaign);
			if (period != null && period.equals(oldPeriods.get(campaign))) {
				String newId = newStage.name() + "#every:" + campaign + id.substring(id.lastIndexOf('@'));
				timers.keep(id, newId, dueById.getOrDefault(id, Long.parseLong(id.substring(id.lastIndexOf('@') + 1))));
				newPeriods.remove(campaign);
			} else {
				timers.cancel.add(id);
			}
		}
		newPeriods.forEach((campaign, period) -> timers.add(newStage.name() + "#every:" + campaign + "@" + (now + period),
				now + period));
	}

	private static Map<String, Long> periods(JourneyPlan plan, String stage) {
		Map<String, Long> periods = new java.util.LinkedHashMap<>();
		for (Campaign campaign : plan.campaigns()) {
			if (campaign.stages().contains(stage) && campaign.everyMillis() != null && campaign.everyMillis() > 0) {
				periods.put(campaign.name(), campaign.everyMillis());
			}
		}
		return periods;
	}

	/** The transition index of a timer id {@code Stage#index@enteredAt} of {@code stage}, or -1 for another timer. */
	private static int transitionIndex(String timerId, String stage) {
		String prefix = stage + "#";
		int at = timerId.indexOf('@', prefix.length());
		if (!timerId.startsWith(prefix) || at < 0) {
			return -1;
		}
		String index = timerId.substring(prefix.length(), at);
		return index.chars().allMatch(Character::isDigit) && !index.isEmpty() ? Integer.parseInt(index) : -1;
	}

	private static long delay(Stage stage, int transitionIndex) {
		return ((Transition.AfterDelay) stage.transitions().get(transitionIndex)).delayMillis();
	}

	private CustomerState relaid(CustomerState state, String stage, boolean inJourney, long lastExitAt, List<String> pending) {
		CustomerState relaid = state.migrated(new CustomerState.Migrated(stage, inJourney, lastExitAt, layout.features(state),
				layout.scores(state), layout.recommendations(state), layout.firedTriggers(state), layout.attributes(state),
				pending));
		for (Split split : changedSplits) {
			KeptSplitArms.keep(relaid, split.name(), SplitAssignment.armOf(oldPlan.name(), state.customerId(), split));
		}
		return relaid;
	}

	/** The timer changes of one customer, as they are decided. */
	private static final class Timers {
		final String customerId;
		final List<String> cancel = new ArrayList<>();
		final List<TimerRequest> set = new ArrayList<>();
		final List<String> newIds = new ArrayList<>();
		int moved;

		Timers(String customerId) {
			this.customerId = customerId;
		}

		void keep(String oldId, String newId, long due) {
			newIds.add(newId);
			if (!oldId.equals(newId)) {
				cancel.add(oldId);
				set.add(new TimerRequest(customerId, newId, due));
				moved++;
			}
		}

		void add(String id, long due) {
			newIds.add(id);
			set.add(new TimerRequest(customerId, id, due));
		}
	}
}
