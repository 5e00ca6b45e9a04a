package io.itinera.runtime.workspace;

import io.itinera.runtime.delivery.DeliveryOutcome;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.Priority;
import io.itinera.runtime.step.ActionRecord;
import io.itinera.runtime.step.ArmOutcome;
import io.itinera.runtime.step.ConsentPolicy;
import io.itinera.runtime.step.Consents;
import io.itinera.runtime.step.CustomerState;
import io.itinera.runtime.step.CustomerStateReader;
import io.itinera.runtime.step.DeliveryNotice;
import io.itinera.runtime.step.Event;
import io.itinera.runtime.step.GoalEvent;
import io.itinera.runtime.step.GoalReached;
import io.itinera.runtime.step.JourneyStep;
import io.itinera.runtime.step.SingleJourneyStep;
import io.itinera.runtime.step.ScoreRequest;
import io.itinera.runtime.step.ScoreUpdate;
import io.itinera.runtime.step.StageChange;
import io.itinera.runtime.step.StepInput;
import io.itinera.runtime.step.StepResult;
import io.itinera.runtime.step.TimerFired;
import io.itinera.runtime.step.TimerRequest;
import io.itinera.runtime.step.WorkspaceState;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Many journeys over one stream, as one step function: the customer's state holds one state per
 * journey (a {@link WorkspaceState}, one record), each input is offered to every journey
 * it concerns, in priority order (higher {@code priority} first, then journey name), and the
 * journeys' sends then pass the workspace's shared caps and quiet hours in that order
 * ({@link SharedDelivery}). So the one {@code StepDriver} runs a workspace as it runs a journey,
 * and the outcome depends on each customer's inputs only, never on workers or interleaving.
 * Timers are namespaced {@code Journey/timer-id}, score requests {@code Journey/model}; actions,
 * stage changes and notices name their journey. Each journey is a {@link SingleJourneyStep}: one
 * version, or versions pinned side by side, or a switch between two. Thread-safe as its journeys are.
 */
public final class WorkspaceStep implements JourneyStep {
	private final SingleJourneyStep[] journeys;
	private final String[] names;
	private final List<String> nameList;
	private final boolean[] holdOnConflict;
	private final int[] timezoneAttribute;
	/** Per plan a customer's part may be laid out for (a journey's versions): how to read it. */
	private final Map<JourneyPlan, CustomerStateReader> readers = new IdentityHashMap<>();
	private final SharedDelivery delivery;
	private final ConsentPolicy consent;
	private final ZoneId zone;

	/** {@code steps}: one per journey, in any order; names must differ. */
	public WorkspaceStep(List<? extends SingleJourneyStep> steps, WorkspaceSettings settings) {
		List<SingleJourneyStep> ordered = new ArrayList<>(steps);
		ordered.sort(ORDER);
		journeys = ordered.stream().map(SingleJourneyStep::withoutOwnConsent).toArray(SingleJourneyStep[]::new);
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
			timezoneAttribute[j] = timezoneAttribute(plan);
		}
		this.nameList = List.of(names);
		this.delivery = new SharedDelivery(settings);
		this.consent = new ConsentPolicy(ConsentPolicy.union(settings.topics(),
				ordered.stream().map(step -> step.plan().topics()).toList()));
		this.zone = settings.zone();
	}

	/** Priority order: higher {@code priority} first; equal priorities by journey name (the stable tie-break). */
	public static final Comparator<SingleJourneyStep> ORDER = Comparator
			.comparingInt((SingleJourneyStep step) -> -step.plan().priority().level())
			.thenComparing(step -> step.plan().name());

	/** The journeys' names in priority order. */
	public List<String> journeyNames() {
		return nameList;
	}

	public List<SingleJourneyStep> journeys() {
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
		return WorkspaceState.of(customerId, names, parts);
	}

	@Override
	public StepResult apply(CustomerState state, StepInput input) {
		return applyInPlace(state.copy(), input);
	}

	@Override
	public StepResult applyInPlace(CustomerState customer, StepInput input) {
		WorkspaceState state = fit(customer);
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
			outcome.result.stageChange(change.inJourney(name));
		}
		for (TimerRequest timer : result.timersToSet()) {
			outcome.result.setTimer(new TimerRequest(timer.customerId(), name + "/" + timer.timerId(), timer.dueAt()));
		}
		for (String timerId : result.timersToCancel()) {
			outcome.result.cancelTimer(name + "/" + timerId);
		}
		for (ScoreRequest request : result.scoreRequests()) {
			outcome.result.requestScore(new ScoreRequest(request.customerId(), name + "/" + request.model(), request.inputs(),
					request.at(), request.sequence()));
		}
		for (GoalReached goal : result.goalsReached()) {
			outcome.result.goalReached(goal.inJourney(name));
		}
		for (GoalEvent goalEvent : result.goalEvents()) {
			outcome.result.goalEvent(goalEvent.inJourney(name));
		}
		for (DeliveryNotice notice : result.deliveryNotices()) {
			outcome.result.deliveryNotice(notice.inJourney(name));
		}
		for (ArmOutcome armOutcome : result.armOutcomes()) {
			outcome.result.armOutcome(armOutcome); // names its journey already: the learning splits count it
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
	private void arbitrate(WorkspaceState state, Outcome outcome) {
		List<SharedDelivery.Taken> taken = null;
		for (Decided decided : outcome.decidedByJourneys) {
			if (!"send".equals(decided.action().kind())) { // tags, untags and webhooks are not messages
				outcome.result.action(decided.action());
				continue;
			}
			if (taken == null) {
				taken = new ArrayList<>(2);
			}
			int j = decided.journey();
			ConsentPolicy.Withheld withheld = withheld(state, j, decided.action());
			if (withheld != null) {
				outcome.result.deliveryNotice(DeliveryNotice.notSubscribed(decided.action(), decided.action().at(), withheld));
				continue;
			}
			outcome.decided(decided.action(), delivery.offer(state, decided.action(), j, holdOnConflict[j], zoneOf(state), taken));
		}
	}

	/** A message the workspace held: sent once when its timer fires, if the customer is still where its campaign acts. */
	private void release(WorkspaceState state, TimerFired timer, Outcome outcome) {
		SharedDelivery.Held held = delivery.take(state, timer.timerId());
		if (held == null) {
			return;
		}
		int j = indexOf(held.journey());
		ActionRecord action = held.action().delayedTo(timer.at());
		if (j < 0 || !readerOf(j, state.part(j)).campaignActsNow(state.part(j), action.campaign())) {
			outcome.result.deliveryNotice(DeliveryNotice.of(action, timer.at(), DeliveryOutcome.DROPPED_STAGE_LEFT, timer.at()));
			return;
		}
		ConsentPolicy.Withheld withheld = withheld(state, j, action);
		if (withheld != null) { // consent withdrawn while it waited
			outcome.result.deliveryNotice(DeliveryNotice.notSubscribed(action, timer.at(), withheld));
			return;
		}
		if (!held.afterConflict()) { // counted against the caps when it was held
			outcome.result.deliveryNotice(DeliveryNotice.of(action, timer.at(), DeliveryOutcome.RELEASED, timer.at()));
			outcome.result.action(action);
			return;
		}
		// it lost a cap to another journey and waited for it: now it is offered like a new send
		SharedDelivery.Decision decision = delivery.offer(state, action, j, false, zoneOf(state), new ArrayList<>());
		if (decision.deliver()) {
			outcome.result.deliveryNotice(DeliveryNotice.of(action, timer.at(), DeliveryOutcome.RELEASED, timer.at()));
		}
		outcome.decided(action, decision);
	}

	/** Why journey {@code j}'s send may not go for want of consent, or null. */
	private ConsentPolicy.Withheld withheld(CustomerState state, int j, ActionRecord send) {
		return consent.isEmpty() ? null : consent.check(state, journeys[j].topicOf(send), send.channel());
	}

	/** The customer's zone: the {@code timezone} attribute of the first journey (in priority order) that knows it. */
	private ZoneId zoneOf(WorkspaceState state) {
		for (int j = 0; j < journeys.length; j++) {
			CustomerState part = state.part(j);
			JourneyPlan plan = journeys[j].planOf(part);
			int attribute = plan == journeys[j].plan() ? timezoneAttribute[j] : timezoneAttribute(plan);
			if (attribute >= 0 && part.attribute(attribute) instanceof String text && !text.isBlank()) {
				try {
					return ZoneId.of(text.trim());
				} catch (DateTimeException e) {
					// an unknown zone name falls back, as a journey's own quiet hours do
				}
			}
		}
		return zone;
	}

	private static int timezoneAttribute(JourneyPlan plan) {
		int index = -1;
		for (int a = 0; a < plan.attributes().size(); a++) {
			if (plan.attributes().get(a).name().equals("timezone")) {
				index = a;
			}
		}
		return index;
	}

	/** How to read the {@code j}-th journey's part: by the version it is laid out for. */
	private CustomerStateReader readerOf(int j, CustomerState part) {
		JourneyPlan plan = journeys[j].planOf(part);
		synchronized (readers) {
			return readers.computeIfAbsent(plan, CustomerStateReader::new);
		}
	}

	/** The state laid out as this workspace's journeys: a journey added since gets a fresh part, one gone is dropped. */
	private WorkspaceState fit(CustomerState state) {
		WorkspaceState workspace = state instanceof WorkspaceState composite ? composite : null;
		if (workspace != null && workspace.partNames().equals(nameList)) {
			return workspace;
		}
		CustomerState[] parts = new CustomerState[journeys.length];
		for (int j = 0; j < journeys.length; j++) {
			CustomerState part = workspace != null ? workspace.part(names[j]) : null;
			parts[j] = part != null ? part : journeys[j].initialState(state.customerId());
		}
		WorkspaceState fitted = WorkspaceState.of(state.customerId(), names, parts);
		for (String key : List.of(SharedDelivery.SENT_KEY, SharedDelivery.HELD_KEY, Consents.KEY)) {
			fitted.putExtension(key, state.extension(key));
		}
		return fitted;
	}

	/** One workspace step's effects, gathered from the journeys' results. */
	private static final class Outcome {
		final StepResult.Builder result;
		final List<Decided> decidedByJourneys = new ArrayList<>(2);

		Outcome(WorkspaceState state) {
			this.result = StepResult.builder(state);
		}

		void decided(ActionRecord action, SharedDelivery.Decision decision) {
			if (decision.deliver()) {
				result.action(action);
				return;
			}
			result.deliveryNotice(decision.notice());
			if (decision.timer() != null) {
				result.setTimer(decision.timer());
			}
		}

		StepResult result() {
			return result.build();
		}
	}
}
