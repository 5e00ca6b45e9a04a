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
 * goal, in the journey or not; for conversions after a message) are empty in most steps.
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
		List<GoalEvent> goalEvents) {

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
				joined(goalEvents, later.goalEvents));
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
		return new Builder(new StepResult(state, List.of(), List.of(), List.of(), List.of(), List.of()));
	}

	/** Builds a {@link StepResult} part by part, for steps that wrap or combine others. */
	public static final class Builder {
		private CustomerState state;
		private List<ActionRecord> actions;
		private List<TimerRequest> timersToSet;
		private List<String> timersToCancel;
		private List<ScoreRequest> scoreRequests;
		private List<StageChange> stageChanges;
		private List<GoalReached> goalsReached;
		private List<DeliveryNotice> deliveryNotices;
		private List<GoalEvent> goalEvents;

		private Builder(StepResult from) {
			state = from.state;
			actions = from.actions;
			timersToSet = from.timersToSet;
			timersToCancel = from.timersToCancel;
			scoreRequests = from.scoreRequests;
			stageChanges = from.stageChanges;
			goalsReached = from.goalsReached;
			deliveryNotices = from.deliveryNotices;
			goalEvents = from.goalEvents;
		}

		public Builder state(CustomerState value) {
			state = value;
			return this;
		}

		public Builder actions(List<ActionRecord> value) {
			actions = value;
			return this;
		}

		public Builder timersToSet(List<TimerRequest> value) {
			timersToSet = value;
			return this;
		}

		public Builder timersToCancel(List<String> value) {
			timersToCancel = value;
			return this;
		}

		public Builder scoreRequests(List<ScoreRequest> value) {
			scoreRequests = value;
			return this;
		}

		public Builder stageChanges(List<StageChange> value) {
			stageChanges = value;
			return this;
		}

		public Builder goalsReached(List<GoalReached> value) {
			goalsReached = value;
			return this;
		}

		public Builder deliveryNotices(List<DeliveryNotice> value) {
			deliveryNotices = value;
			return this;
		}

		public Builder goalEvents(List<GoalEvent> value) {
			goalEvents = value;
			return this;
		}

		public StepResult build() {
			return new StepResult(state, actions, timersToSet, timersToCancel, scoreRequests, stageChanges, goalsReached,
					deliveryNotices, goalEvents);
		}
	}
}
