package io.itinera.runtime.simulate;

import io.itinera.runtime.delivery.DeliveryOutcome;
import io.itinera.runtime.delivery.SplitAssignment;
import io.itinera.runtime.plan.EventType;
import io.itinera.runtime.plan.Split;
import io.itinera.runtime.scoring.Scorer;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.step.ActionRecord;
import io.itinera.runtime.step.DeliveryNotice;
import io.itinera.runtime.step.Event;
import io.itinera.runtime.step.JourneyStep;
import io.itinera.runtime.step.PlanStep;
import io.itinera.runtime.step.ScoreRequest;
import io.itinera.runtime.step.ScoreUpdate;
import io.itinera.runtime.step.StageChange;
import io.itinera.runtime.step.StepInput;
import io.itinera.runtime.step.StepResult;
import io.itinera.runtime.step.TimerFired;
import io.itinera.runtime.step.TimerRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One journey replayed in event time: every customer's inputs go through the pure step function;
 * the timers it asks for fire at their event-time moment, before the customer's next event (or at
 * the end of the replay window). Customers are independent, so a log need only be in time order
 * per customer.
 */
public final class JourneySimulation {
	private final JourneyPlan plan;
	private final JourneyStep step;
	private final PlanStep inPlace;
	private final JourneyFigures figures;
	private final Map<String, CustomerTrack> tracks = new HashMap<>();
	private final Set<String> declaredEvents = new HashSet<>();
	private final Map<String, int[]> splitsByStage = new HashMap<>();
	private ScoreBatcher scores;
	private long events;
	private long timersFired;

	private final Scorer scorer;

	/** {@code scorer} answers the plan's models; null for a plan without any. */
	public JourneySimulation(JourneyPlan plan, JourneyStep step, Scorer scorer) {
		this.plan = plan;
		this.step = step;
		this.scorer = scorer;
		this.inPlace = step instanceof PlanStep planStep ? planStep : null;
		this.figures = new JourneyFigures(plan);
		for (EventType event : plan.events()) {
			declaredEvents.add(event.name());
		}
		for (int s = 0; s < plan.splits().size(); s++) {
			String stage = plan.splits().get(s).stage();
			int[] known = splitsByStage.getOrDefault(stage, new int[0]);
			int[] more = java.util.Arrays.copyOf(known, known.length + 1);
			more[known.length] = s;
			splitsByStage.put(stage, more);
		}
	}

	public String name() {
		return plan.name();
	}

	Scorer scorer() {
		return scorer;
	}

	public JourneyPlan plan() {
		return plan;
	}

	void attach(ScoreBatcher batcher) {
		this.scores = batcher;
	}

	boolean declares(String eventType) {
		return declaredEvents.contains(eventType);
	}

	/** Whether the customer waits for a score answer, which must come before their next input. */
	boolean awaitsScore(String customerId) {
		CustomerTrack track = tracks.get(customerId);
		return track != null && track.awaitingScores > 0;
	}

	void onEvent(Event event) {
		CustomerTrack track = tracks.get(event.customerId());
		if (track == null) {
			track = new CustomerTrack(event.customerId(), step.initialState(event.customerId()),
					plan.splits().size());
			tracks.put(event.customerId(), track);
		}
		fireTimers(track, event.at());
		awaitScores(track);
		events++;
		absorb(track, apply(track, event));
	}

	/** Fires the customer's timers due at or before {@code until}, earliest first. */
	private void fireTimers(CustomerTrack track, long until) {
		while (true) {
			awaitScores(track);
			int due = track.dueTimer(until);
			if (due < 0) {
				return;
			}
			TimerRequest timer = track.takeTimer(due);
			timersFired++;
			absorb(track, apply(track, new TimerFired(track.customerId, timer.timerId(), timer.dueAt())));
		}
	}

	private void awaitScores(CustomerTrack track) {
		while (track.awaitingScores > 0) {
			scores.flush();
		}
	}

	void onScore(CustomerTrack track, ScoreUpdate update) {
		track.awaitingScores--;
		absorb(track, apply(track, update));
	}

	/** The simulator owns each customer's state alone, so the plan's step may update it without a copy. */
	private StepResult apply(CustomerTrack track, StepInput input) {
		return inPlace != null ? inPlace.applyInPlace(track.state, input) : step.apply(track.state, input);
	}

	private void absorb(CustomerTrack track, StepResult result) {
		track.state = result.state();
		track.cancelTimers(result.timersToCancel());
		track.setTimers(result.timersToSet());
		for (StageChange change : result.stageChanges()) {
			if (change.from() == null) {
				figures.visitStarted(track, change.at());
			}
			figures.stageChange(track, change);
			if (change.to() != null) {
				assignSplits(track, change.to());
			}
		}
		for (ActionRecord action : result.actions()) {
			figures.action(track, action);
		}
		for (DeliveryNotice notice : result.deliveryNotices()) {
			if (notice.outcome() == DeliveryOutcome.SUPPRESSED_BY_CAP) {
				figures.withheld(notice.campaign(), notice.rule(), JourneyFigures.Withheld.CAP);
			} else if (notice.outcome() == DeliveryOutcome.HELD_BY_QUIET_HOURS) {
				figures.withheld(notice.campaign(), notice.rule(), JourneyFigures.Withheld.QUIET_HOURS);
			} else if (notice.outcome() == DeliveryOutcome.DROPPED_STAGE_LEFT) {
				figures.withheld(notice.campaign(), notice.rule(), JourneyFigures.Withheld.DROPPED);
			}
		}
		for (int i = 0; i < result.goalsReached().size(); i++) {
			figures.goalReached(track);
		}
		for (ScoreRequest request : result.scoreRequests()) {
			track.awaitingScores++;
			scores.submit(this, track, request);
		}
	}

	private void assignSplits(CustomerTrack track, String stage) {
		int[] splits = splitsByStage.get(stage);
		if (splits == null) {
			return;
		}
		for (int s : splits) {
			if (track.splitArms[s] < 0) {
				figures.assignedToArm(track, s, armIndex(plan.splits().get(s), track.customerId));
			}
		}
	}

	/** The customer's arm, decided exactly as the step function decides it for the rules. */
	private int armIndex(Split split, String customerId) {
		String label = SplitAssignment.armOf(plan.name(), customerId, split);
		for (int a = 0; a < split.arms().size(); a++) {
			if (split.arms().get(a).label().equals(label)) {
				return a;
			}
		}
		throw new IllegalStateException("split " + split.name() + " has no arm " + label);
	}

	/**
	 * Fires every timer due by {@code end}, for every customer, scoring as needed. Returns whether
	 * anything fired (the caller repeats until nothing does, as answers may set new timers).
	 */
	boolean fireTimersUntil(long end) {
		boolean any = false;
		for (CustomerTrack track : tracks.values()) {
			if (track.dueTimer(end) >= 0 || track.awaitingScores > 0) {
				any = true;
				fireTimers(track, end);
			}
		}
		return any;
	}

	long customers() {
		return tracks.size();
	}

	long events() {
		return events;
	}

	long timersFired() {
		return timersFired;
	}

	SimulationReport report(SimulationReport.Window window, long outsideWindow, long undeclared, long deadLetters,
			long scored) {
		SimulationReport.Input input = new SimulationReport.Input(events, outsideWindow, undeclared, deadLetters,
				tracks.size(), timersFired, scored);
		return figures.report(new ArrayList<>(tracks.values()), window, input);
	}

	List<String> stageNames() {
		return plan.stages().stream().map(s -> s.name()).toList();
	}
}
