package io.itinera.runtime.step;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Everything one step decided: the new state and the effects the host must carry out.
 * {@code goalsReached} (the visit's goal), {@code deliveryNotices} (messages suppressed by caps, held
 * by quiet hours, released or dropped; for reports) and {@code goalEvents} (every event that meets the
 * goal, in the journey or not; for conversions after a message) are empty in most steps; so is
 * {@code armOutcomes} (customers assigned to a learning split's arm, and their goal conversions).
 */
public record StepResult(
		CustomerState state,
		List<ActionRecord> actions,
		List<TimerRequest> timersToSet,
		List<String> timersToCancel,
		List<ScoreRequest> scoreRequests,
		List<StageChange> stageChanges,
		List<GoalReached> goalsReached,
		List<DeliveryNotice> deliveryNotices,
		List<GoalEvent> goalEvents,
		List<ArmOutcome> armOutcomes) {

	/** The nine-part form: no arm outcomes. */
	public StepResult(CustomerState state, List<ActionRecord> actions, List<TimerRequest> timersToSet,
			List<String> timersToCancel, List<ScoreRequest> scoreRequests, List<StageChange> stageChanges,
			List<GoalReached> goalsReached, List<DeliveryNotice> deliveryNotices, List<GoalEvent> goalEvents) {
		this(state, actions, timersToSet, timersToCancel, scoreRequests, stageChanges, goalsReached, deliveryNotices, goalEvents,
				List.of());
	}

	/** The eight-part form: no goal events. */
	public StepResult(CustomerState state, List<ActionRecord> actions, List<TimerRequest> timersToSet,
			List<String> timersToCancel, List<ScoreRequest> scoreRequests, List<StageChange> stageChanges,
			List<GoalReached> goalsReached, List<DeliveryNotice> deliveryNotices) {
		this(state, actions, timersToSet, timersToCancel, scoreRequests, stageChanges, goalsReached, deliveryNotices, List.of());
	}

	/** The original six-part form: no goal reached. */
	public StepResult(CustomerState state, List<ActionRecord> actions, List<TimerRequest> timersToSet,
			List<String> timersToCancel, List<ScoreRequest> scoreRequests, List<StageChange> stageChanges) {
		this(state, actions, timersToSet, timersToCancel, scoreRequests, stageChanges, List.of(), List.of());
	}

	/** The seven-part form: no delivery notices. */
	public StepResult(CustomerState state, List<ActionRecord> actions, List<TimerRequest> timersToSet,
			List<String> timersToCancel, List<ScoreRequest> scoreRequests, List<StageChange> stageChanges,
			List<GoalReached> goalsReached) {
		this(state, actions, timersToSet, timersToCancel, scoreRequests, stageChanges, goalsReached, List.of());
	}

	/**
	 * This step's effects followed by {@code later}'s (a step taken on this one's state, such as a
	 * migration, or a step after one): {@code later}'s state, every list this one's then {@code
	 * later}'s, except that a timer this one set and {@code later} cancels is not set.
	 */
	public StepResult then(StepResult later) {
		List<TimerRequest> set = new ArrayList<>(timersToSet.size() + later.timersToSet.size());
		if (later.timersToCancel.isEmpty()) {
			set.addAll(timersToSet);
		} else {
			Set<String> cancelled = new HashSet<>(later.timersToCancel);
			for (TimerRequest timer : timersToSet) {
				if (!cancelled.contains(timer.timerId())) {
					set.add(timer);
				}
			}
		}
		set.addAll(later.timersToSet);
		return new StepResult(later.state, joined(actions, later.actions), set, joined(timersToCancel, later.timersToCancel),
				joined(scoreRequests, later.scoreRequests), joined(stageChanges, later.stageChanges),
				joined(goalsReached, later.goalsReached), joined(deliveryNotices, later.deliveryNotices),
				joined(goalEvents, later.goalEvents), joined(armOutcomes, later.armOutcomes));
	}

	/** This result with its actions and stage changes relabelled (their version, say); itself when it has none. */
	public StepResult relabelled(UnaryOperator<ActionRecord> action, UnaryOperator<StageChange> change) {
		if (actions.isEmpty() && stageChanges.isEmpty()) {
			return this;
		}
		return toBuilder().actions(actions.stream().map(action).toList())
				.stageChanges(stageChanges.stream().map(change).toList()).build();
	}

	/** This result with {@code timer} set before its own timers. */
	public StepResult withTimerFirst(TimerRequest timer) {
		List<TimerRequest> timers = new ArrayList<>(timersToSet.size() + 1);
		timers.add(timer);
		timers.addAll(timersToSet);
		return toBuilder().timersToSet(timers).build();
	}

	private static <T> List<T> joined(List<T> first, List<T> second) {
		if (second.isEmpty()) {
			return first;
		}
		if (first.isEmpty()) {
			return second;
		}
		List<T> both = new ArrayList<>(first.size() + second.size());
		both.addAll(first);
		both.addAll(second);
		return both;
	}

	/** A builder that starts from this result: change what differs, keep the rest. */
	public Builder toBuilder() {
		return new Builder(this);
	}

	/** A result with nothing but {@code state} yet. */
	public static Builder builder(CustomerState state) {
		return new Builder(state);
	}

	/**
	 * Builds a {@link StepResult} part by part: the step function collects its effects in one, and
	 * steps that wrap or combine others start from a result ({@link #toBuilder}) and change what
	 * differs. A list is copied only when something is added to one the builder did not make.
	 */
	public static final class Builder {
		private static final int ACTIONS = 1;
		private static final int TIMERS_TO_SET = 2;
		private static final int TIMERS_TO_CANCEL = 4;
		private static final int SCORE_REQUESTS = 8;
		private static final int STAGE_CHANGES = 16;
		private static final int GOALS_REACHED = 32;
		private static final int DELIVERY_NOTICES = 64;
		private static final int GOAL_EVENTS = 128;
		private static final int ARM_OUTCOMES = 256;

		private CustomerState state;
		private List<ActionRecord> actions = List.of();
		private List<TimerRequest> timersToSet = List.of();
		private List<String> timersToCancel = List.of();
		private List<ScoreRequest> scoreRequests = List.of();
		private List<StageChange> stageChanges = List.of();
		private List<GoalReached> goalsReached = List.of();
		private List<DeliveryNotice> deliveryNotices = List.of();
		private List<GoalEvent> goalEvents = List.of();
		private List<ArmOutcome> armOutcomes = List.of();
		/** Bit per list: this builder made it and may add to it. */
		private int owned;

		private Builder(CustomerState state) {
			this.state = state;
		}

		private Builder(StepResult from) {
			this(from.state);
			actions = from.actions;
			timersToSet = from.timersToSet;
			timersToCancel = from.timersToCancel;
			scoreRequests = from.scoreRequests;
			stageChanges = from.stageChanges;
			goalsReached = from.goalsReached;
			deliveryNotices = from.deliveryNotices;
			goalEvents = from.goalEvents;
			armOutcomes = from.armOutcomes;
		}

		public Builder state(CustomerState value) {
			state = value;
			return this;
		}

		public Builder actions(List<ActionRecord> value) {
			actions = value;
			owned &= ~ACTIONS;
			return this;
		}

		public Builder timersToSet(List<TimerRequest> value) {
			timersToSet = value;
			owned &= ~TIMERS_TO_SET;
			return this;
		}

		public Builder stageChanges(List<StageChange> value) {
			stageChanges = value;
			owned &= ~STAGE_CHANGES;
			return this;
		}

		public Builder action(ActionRecord action) {
			actions = addable(actions, ACTIONS);
			actions.add(action);
			return this;
		}

		public Builder setTimer(TimerRequest timer) {
			timersToSet = addable(timersToSet, TIMERS_TO_SET);
			timersToSet.add(timer);
			return this;
		}

		/** Takes back a timer set in this step; false when none of that id was. */
		public boolean unsetTimer(String timerId) {
			if (timersToSet.isEmpty()) {
				return false;
			}
			timersToSet = addable(timersToSet, TIMERS_TO_SET);
			return timersToSet.removeIf(timer -> timer.timerId().equals(timerId));
		}

		public Builder cancelTimer(String timerId) {
			timersToCancel = addable(timersToCancel, TIMERS_TO_CANCEL);
			timersToCancel.add(timerId);
			return this;
		}

		public Builder requestScore(ScoreRequest request) {
			scoreRequests = addable(scoreRequests, SCORE_REQUESTS);
			scoreRequests.add(request);
			return this;
		}

		public Builder stageChange(StageChange change) {
			stageChanges = addable(stageChanges, STAGE_CHANGES);
			stageChanges.add(change);
			return this;
		}

		public Builder goalReached(GoalReached goal) {
			goalsReached = addable(goalsReached, GOALS_REACHED);
			goalsReached.add(goal);
			return this;
		}

		public Builder deliveryNotice(DeliveryNotice notice) {
			deliveryNotices = addable(deliveryNotices, DELIVERY_NOTICES);
			deliveryNotices.add(notice);
			return this;
		}

		public Builder armOutcome(ArmOutcome outcome) {
			armOutcomes = addable(armOutcomes, ARM_OUTCOMES);
			armOutcomes.add(outcome);
			return this;
		}

		public Builder goalEvent(GoalEvent event) {
			goalEvents = addable(goalEvents, GOAL_EVENTS);
			goalEvents.add(event);
			return this;
		}

		private <T> List<T> addable(List<T> list, int bit) {
			if ((owned & bit) != 0) {
				return list;
			}
			owned |= bit;
			List<T> mine = new ArrayList<>(Math.max(2, list.size() + 1));
			mine.addAll(list);
			return mine;
		}

		public StepResult build() {
			return new StepResult(state, actions, timersToSet, timersToCancel, scoreRequests, stageChanges, goalsReached,
					deliveryNotices, goalEvents, armOutcomes);
		}
	}
}
