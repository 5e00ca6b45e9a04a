package io.itinera.runtime.workspace;

import io.itinera.runtime.delivery.DeliveryOutcome;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.Priority;
import io.itinera.runtime.step.ActionRecord;
import io.itinera.runtime.step.ConsentPolicy;
import io.itinera.runtime.step.Consents;
import io.itinera.runtime.step.CustomerState;
import io.itinera.runtime.step.DeliveryNotice;
import io.itinera.runtime.step.Event;
import io.itinera.runtime.step.GoalEvent;
import io.itinera.runtime.step.GoalReached;
import io.itinera.runtime.step.JourneyStep;
import io.itinera.runtime.step.PlanStep;
import io.itinera.runtime.step.ScoreRequest;
import io.itinera.runtime.step.ScoreUpdate;
import io.itinera.runtime.step.StageChange;
import io.itinera.runtime.step.StepInput;
import io.itinera.runtime.step.StepResult;
import io.itinera.runtime.step.TimerFired;
import io.itinera.runtime.step.TimerRequest;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Many journeys over one stream, as one step function: the customer's state holds one state per
 * journey (a composite {@link CustomerState}, one record), each input is offered to every journey
 * it concerns, in priority order (higher {@code priority} first, then journey name), and the
 * journeys' sends then pass the workspace's shared caps and quiet hours in that order
 * ({@link SharedDelivery}). So the one {@code StepDriver} runs a workspace as it runs a journey,
 * and the outcome depends on each customer's inputs only, never on workers or interleaving.
 * Timers are namespaced {@code Journey/timer-id}, score requests {@code Journey/model}; actions,
 * stage changes and notices name their journey. Thread-safe as {@link PlanStep} is.
 */
public final class WorkspaceStep implements JourneyStep {
	private final PlanStep[] journeys;
	private final String[] names;
	private final List<String> nameList;
	private final boolean[] holdOnConflict;
	private final int[] timezoneAttribute;
	private final SharedDelivery delivery;
	private final ConsentPolicy consent;
	private final ZoneId zone;

	/** {@code steps}: one per journey, in any order; names must differ. */
	public WorkspaceStep(List<PlanStep> steps, WorkspaceSettings settings) {
		List<PlanStep> ordered = new ArrayList<>(steps);
		ordered.sort(ORDER);
		journeys = ordered.stream().map(PlanStep::withoutOwnConsent).toArray(PlanStep[]::new);
		names = new String[journeys.length];
		holdOnConflict = new boolean[journeys.length];
		timezoneAttribute = new int[journeys.length];
		for (int j = 0; j < journeys.length; j++) {
			JourneyPlan plan = journeys[j].plan();
			names[j] = plan.name();
			if (j > 0 && names[j].equals(names[j - 1])) {
				throw new IllegalArgumentException("two journeys of the workspace are named " + names[j]);
			}
			holdOnConflict[j] = plan.priority().onConflict() == Priority.OnConflict.HOLD;
			timezoneAttribute[j] = -1;
			for (int a = 0; a < plan.attributes().size(); a++) {
				if (plan.attributes().get(a).name().equals("timezone")) {
					timezoneAttribute[j] = a;
				}
			}
		}
		this.nameList = List.of(names);
		this.delivery = new SharedDelivery(settings);
		this.consent = new ConsentPolicy(ConsentPolicy.union(settings.topics(),
				ordered.stream().map(step -> step.plan().topics()).toList()));
		this.zone = settings.zone();
	}

	/** Priority order: higher {@code priority} first; equal priorities by journey name (the stable tie-break). */
	public static final Comparator<PlanStep> ORDER = Comparator
			.comparingInt((PlanStep step) -> -step.plan().priority().level())
			.thenComparing(step -> step.plan().name());

	/** The journeys' names in priority order. */
	public List<String> journeyNames() {
		return nameList;
	}

	public List<PlanStep> journeys() {
		return List.of(journeys);
	}

	/** The subscription topics of the workspace (its file's and its journeys'). */
	public ConsentPolicy consent() {
		return consent;
	}

	/** The zone of quiet hours for customers without a {@code timezone} attribute. */
	public ZoneId zone() {
		return zone;
	}

	@Override
	public CustomerState initialState(String customerId) {
		CustomerState[] parts = new CustomerState[journeys.length];
		for (int j = 0; j < journeys.length; j++) {
			parts[j] = journeys[j].initialState(customerId);
		}
		return CustomerState.composite(customerId, names, parts);
	}

	@Override
	public StepResult apply(CustomerState state, StepInput input) {
		return applyInPlace(state.copy(), input);
	}

	@Override
	public StepResult applyInPlace(CustomerState state, StepInput input) {
		state = fit(state);
		Outcome outcome = new Outcome(state);
		if (input instanceof Event event) {
			consent.record(state, event); // one customer, one set of consents for every journey
			for (int j = 0; j < journeys.length; j++) {
				collect(j, journeys[j].applyInPlace(state.part(j), event), outcome);
			}
		} else if (input instanceof TimerFired timer) {
			if (SharedDelivery.isWorkspaceTimer(timer.timerId())) {
				release(state, timer, outcome);
			} else {
				int j = indexOf(journeyOf(timer.timerId()));
				if (j >= 0) {
					TimerFired local = new TimerFired(timer.customerId(), localName(timer.timerId()), timer.at());
					collect(j, journeys[j].applyInPlace(state.part(j), local), outcome);
				}
			}
		} else {
			ScoreUpdate score = (ScoreUpdate) input;
			int j = indexOf(journeyOf(score.model()));
			if (j >= 0) {
				ScoreUpdate local = new ScoreUpdate(score.customerId(), localName(score.model()), score.score(), score.at(),
						score.recommendation());
				collect(j, journeys[j].applyInPlace(state.part(j), local), outcome);
			}
		}
		arbitrate(state, outcome);
		return outcome.result();
	}

	/** {@code Journey/rest}: the journey a namespaced timer id or model name belongs to. */
	static String journeyOf(String namespaced) {
		int slash = namespaced.indexOf('/');
		return slash < 0 ? "" : namespaced.substring(0, slash);
	}

	/** The timer id or model name within its journey. */
	static String localName(String namespaced) {
		return namespaced.substring(namespaced.indexOf('/') + 1);
	}

	private int indexOf(String journey) {
		for (int j = 0; j < names.length; j++) {
			if (names[j].equals(journey)) {
				return j;
			}
		}
		return -1; // a journey no longer in the workspace: its timers and scores change nothing
	}

	/** One journey's result into the workspace's: names added; sends wait for arbitration. */
	private void collect(int j, StepResult result, Outcome outcome) {
		String name = names[j];
		for (StageChange change : result.stageChanges()) {
			outcome.stageChanges.add(change.inJourney(name));
		}
		for (TimerRequest timer : result.timersToSet()) {
			outcome.timersToSet.add(new TimerRequest(timer.customerId(), name + "/" + timer.timerId(), timer.dueAt()));
		}
		for (String timerId : result.timersToCancel()) {
			outcome.timersToCancel.add(name + "/" + timerId);
		}
		for (ScoreRequest request : result.scoreRequests()) {
			outcome.scoreRequests.add(new ScoreRequest(request.customerId(), name + "/" + request.model(), request.inputs(),
					request.at(), request.sequence()));
		}
		for (GoalReached goal : result.goalsReached()) {
			outcome.goals.add(goal.inJourney(name));
		}
		for (GoalEvent goalEvent : result.goalEvents()) {
			outcome.goalEvents.add(goalEvent.inJourney(name));
		}
		for (DeliveryNotice notice : result.deliveryNotices()) {
			outcome.notices.add(notice.inJourney(name));
		}
		for (ActionRecord action : result.actions()) {
			outcome.decidedByJourneys.add(new Decided(j, action.inJourney(name)));
		}
	}

	private record Decided(int journey, ActionRecord action) {
	}

	/**
	 * The step's sends through the shared caps and quiet hours, in priority order (the journeys'
	 * results were collected in it); other actions pass.
	 */
	private void arbitrate(CustomerState state, Outcome outcome) {
		List<SharedDelivery.Taken> taken = null;
		for (Decided decided : outcome.decidedByJourneys) {
			if (!"send".equals(decided.action().kind())) { // tags, untags and webhooks are not messages
				outcome.actions.add(decided.action());
				continue;
			}
			if (taken == null) {
				taken = new ArrayList<>(2);
			}
			int j = decided.journey();
			ConsentPolicy.Withheld withheld = withheld(state, j, decided.action());
			if (withheld != null) {
				outcome.notices.add(DeliveryNotice.notSubscribed(decided.action(), decided.action().at(), withheld));
				continue;
			}
			outcome.decided(decided.action(), delivery.offer(state, decided.action(), j, holdOnConflict[j], zoneOf(state), taken));
		}
	}

	/** A message the workspace held: sent once when its timer fires, if the customer is still where its campaign acts. */
	private void release(CustomerState state, TimerFired timer, Outcome outcome) {
		SharedDelivery.Held held = delivery.take(state, timer.timerId());
		if (held == null) {
			return;
		}
		int j = indexOf(held.journey());
		ActionRecord action = held.action().delayedTo(timer.at());
		if (j < 0 || !journeys[j].campaignActsNow(state.part(j), action.campaign())) {
			outcome.notices.add(DeliveryNotice.of(action, timer.at(), DeliveryOutcome.DROPPED_STAGE_LEFT, timer.at()));
			return;
		}
		ConsentPolicy.Withheld withheld = withheld(state, j, action);
		if (withheld != null) { // consent withdrawn while it waited
			outcome.notices.add(DeliveryNotice.notSubscribed(action, timer.at(), withheld));
			return;
		}
		if (!held.afterConflict()) { // counted against the caps when it was held
			outcome.notices.add(DeliveryNotice.of(action, timer.at(), DeliveryOutcome.RELEASED, timer.at()));
			outcome.actions.add(action);
			return;
		}
		// it lost a cap to another journey and waited for it: now it is offered like a new send
		SharedDelivery.Decision decision = delivery.offer(state, action, j, false, zoneOf(state), new ArrayList<>());
		if (decision.deliver()) {
			outcome.notices.add(DeliveryNotice.of(action, timer.at(), DeliveryOutcome.RELEASED, timer.at()));
		}
		outcome.decided(action, decision);
	}

	/** Why journey {@code j}'s send may not go for want of consent, or null. */
	private ConsentPolicy.Withheld withheld(CustomerState state, int j, ActionRecord send) {
		return consent.isEmpty() ? null : consent.check(state, journeys[j].topicOf(send), send.channel());
	}

	/** The customer's zone: the {@code timezone} attribute of the first journey (in priority order) that knows it. */
	private ZoneId zoneOf(CustomerState state) {
		for (int j = 0; j < journeys.length; j++) {
			if (timezoneAttribute[j] >= 0 && state.part(j).attribute(timezoneAttribute[j]) instanceof String text
					&& !text.isBlank()) {
				try {
					return ZoneId.of(text.trim());
				} catch (DateTimeException e) {
					// an unknown zone name falls back, as a journey's own quiet hours do
				}
			}
		}
		return zone;
	}

	/** The state laid out as this workspace's journeys: a journey added since gets a fresh part, one gone is dropped. */
	private CustomerState fit(CustomerState state) {
		if (state.isComposite() && state.partNames().equals(nameList)) {
			return state;
		}
		CustomerState[] parts = new CustomerState[journeys.length];
		for (int j = 0; j < journeys.length; j++) {
			CustomerState part = state.isComposite() ? state.part(names[j]) : null;
			parts[j] = part != null ? part : journeys[j].initialState(state.customerId());
		}
		CustomerState fitted = CustomerState.composite(state.customerId(), names, parts);
		for (String key : List.of(SharedDelivery.SENT_KEY, SharedDelivery.HELD_KEY, Consents.KEY)) {
			fitted.putExtension(key, state.extension(key));
		}
		return fitted;
	}

	/** One workspace step's effects, gathered from the journeys' results. */
	private static final class Outcome {
		final CustomerState state;
		final List<ActionRecord> actions = new ArrayList<>(2);
		final List<Decided> decidedByJourneys = new ArrayList<>(2);
		final List<TimerRequest> timersToSet = new ArrayList<>(2);
		final List<String> timersToCancel = new ArrayList<>(2);
		final List<ScoreRequest> scoreRequests = new ArrayList<>(2);
		final List<StageChange> stageChanges = new ArrayList<>(2);
		final List<GoalReached> goals = new ArrayList<>(1);
		final List<DeliveryNotice> notices = new ArrayList<>(1);
		final List<GoalEvent> goalEvents = new ArrayList<>(1);

		Outcome(CustomerState state) {
			this.state = state;
		}

		void decided(ActionRecord action, SharedDelivery.Decision decision) {
			if (decision.deliver()) {
				actions.add(action);
				return;
			}
			notices.add(decision.notice());
			if (decision.timer() != null) {
				timersToSet.add(decision.timer());
			}
		}

		StepResult result() {
			return new StepResult(state, actions, timersToSet, timersToCancel, scoreRequests, stageChanges, goals, notices, goalEvents);
		}
	}
}
