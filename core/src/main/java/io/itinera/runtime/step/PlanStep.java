package io.itinera.runtime.step;

import io.itinera.runtime.delivery.DeliveryOutcome;
import io.itinera.runtime.delivery.DeliverySettings;
import io.itinera.runtime.delivery.SplitAssignment;
import io.itinera.runtime.delivery.SplitWeights;
import io.itinera.runtime.feature.FeatureDefinition;
import io.itinera.runtime.plan.ValueType;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.Reentry;
import io.itinera.runtime.plan.Split;
import io.itinera.runtime.plan.Transition;
import io.itinera.runtime.rules.CampaignRules;
import io.itinera.runtime.rules.CustomerFact;
import io.itinera.runtime.rules.EventFact;
import io.itinera.runtime.rules.RuleAction;
import io.itinera.runtime.scoring.Recommendation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The journey's step function, built once from a plan. Thread-safe: it keeps no mutable state of
 * its own. Semantics (entry, reentry, exit, goal, transitions, triggers, rules) are those of
 * DESIGN.md, "What one step does".
 */
public final class PlanStep implements SingleJourneyStep {
	private final CompiledJourney journey;
	private final CampaignRules rules;
	private final DeliveryPolicy delivery;
	private final SendTopics sendTopics;
	private final OfferChoices offerChoices;
	/** Null when the journey declares no topics, or when a workspace decides consent for all its journeys. */
	private final ConsentPolicy consent;
	/** The splits that learn their winner (none for most journeys: then nothing below costs anything). */
	private final Split[] learningSplits;
	/** Where the host hands the learning splits' weights (its starting weights until it publishes). */
	private SplitWeights.Board splitWeights = new SplitWeights.Board();

	public PlanStep(JourneyPlan plan, CampaignRules rules) {
		this(plan, rules, DeliverySettings.DEFAULT);
	}

	/** With host-wide delivery settings: the default time zone of quiet hours, global caps. */
	public PlanStep(JourneyPlan plan, CampaignRules rules, DeliverySettings settings) {
		this.journey = new CompiledJourney(plan);
		this.rules = java.util.Objects.requireNonNull(rules, "rules (CampaignRules.NONE for none)");
		this.delivery = new DeliveryPolicy(plan, settings);
		this.sendTopics = new SendTopics(plan);
		this.offerChoices = new OfferChoices(plan, journey.modelIndex);
		ConsentPolicy policy = new ConsentPolicy(plan.topics());
		this.consent = policy.isEmpty() ? null : policy;
		this.learningSplits = plan.splits().stream().filter(Split::learns).toArray(Split[]::new);
	}

	private PlanStep(PlanStep step, ConsentPolicy consent) {
		this.journey = step.journey;
		this.rules = step.rules;
		this.delivery = step.delivery;
		this.sendTopics = step.sendTopics;
		this.offerChoices = step.offerChoices;
		this.consent = consent;
		this.learningSplits = step.learningSplits;
		this.splitWeights = step.splitWeights;
	}

	/** The step reads the learning splits' weights from {@code board}, which its host publishes at each epoch. */
	public PlanStep readingSplitWeights(SplitWeights.Board board) {
		this.splitWeights = board;
		return this;
	}

	@Override
	public PlanStep withoutOwnConsent() {
		return consent == null ? this : new PlanStep(this, null);
	}

	@Override
	public String topicOf(ActionRecord send) {
		return sendTopics.of(send);
	}

	@Override
	public JourneyPlan plan() {
		return journey.plan;
	}

	@Override
	public CustomerState initialState(String customerId) {
		CustomerState state = CustomerState.initial(customerId);
		fit(state);
		return state;
	}

	/** Leaves {@code state} untouched; the result holds a new state. */
	@Override
	public StepResult apply(CustomerState state, StepInput input) {
		return applyInPlace(state.copy(), input);
	}

	/** Updates {@code state} itself: the result holds the same object. */
	@Override
	public StepResult applyInPlace(CustomerState state, StepInput input) {
		fit(state);
		StepOutcome outcome = new StepOutcome(state);
		if (input instanceof Event event) {
			if (consent != null) {
				consent.record(state, event);
			}
			onEvent(state, event, outcome);
		} else if (input instanceof TimerFired timer) {
			onTimer(state, timer, outcome);
		} else {
			onScore(state, (ScoreUpdate) input, outcome);
		}
		if (journey.broadcasts != null && !(input instanceof Event event && !journey.events.containsKey(event.type()))) {
			journey.broadcasts.schedule(state, inputTime(input), delivery.zoneOf(state), outcome);
		}
		return outcome.result();
	}

	private static long inputTime(StepInput input) {
		if (input instanceof Event event) {
			return event.at();
		}
		return input instanceof TimerFired timer ? timer.at() : ((ScoreUpdate) input).at();
	}

	/** The compiled plan, for the readers and seeders of this step's customers. */
	CompiledJourney compiled() {
		return journey;
	}

	// ------------------------------------------------------------------ inputs

	private void onEvent(CustomerState state, Event event, StepOutcome outcome) {
		CompiledJourney.EventHandling handling = journey.events.get(event.type());
		if (handling == null) {
			return; // an event the journey does not declare changes nothing
		}
		long at = event.at();
		boolean[] changedSequences = updateFeatures(state, event, handling);
		copyAttributes(state, event, handling);
		delivery.recordEngagement(state, event);
		StepMoment moment = new StepMoment(state, journey, at, event);

		boolean wasIn = state.inJourney;
		if (handling.goal && (journey.goalCondition == null || journey.goalCondition.test(moment))) {
			outcome.goalEvent(new GoalEvent(state.customerId(), at, goalValue(event), null));
			if (wasIn) {
				checkGoal(state, event, outcome);
			}
		}
		boolean entered = false;
		if (handling.entry && mayEnter(state, at) && (journey.entryCondition == null || journey.entryCondition.test(moment))) {
			if (state.inJourney) {
				leave(state, at, "completed", outcome);
			}
			enter(state, at, outcome);
			wasIn = false;
			entered = true;
		}
		// the entering event only places the customer: it is not offered to the entry stage's transitions
		if (state.inJourney && !entered) {
			List<CompiledJourney.EventMove> moves = journey.stages.get(state.stage).onEvent.get(event.type());
			if (moves != null) {
				for (CompiledJourney.EventMove move : moves) {
					if (move.condition() == null || move.condition().test(moment)) {
						moveTo(state, move.target(), at, move.cause(), outcome);
						break;
					}
				}
			}
		}
		if (wasIn) {
			for (int e = 0; e < handling.exits.size(); e++) { // by index: no iterator per event over (mostly no) exits
				CompiledJourney.ExitRule exit = handling.exits.get(e);
				if (exit.condition() == null || exit.condition().test(moment)) {
					leave(state, at, exit.cause(), outcome);
					break;
				}
			}
		}
		evaluateTriggers(state, moment, at, outcome);
		if (state.inJourney) {
			requestScores(state, at, handling.modelsToScore(), changedSequences, outcome);
			if (!ConsentPolicy.isConsentEvent(event.type())) { // an unsubscribe click must not make a campaign send
				runRules(state, moment, at, event.type(), event, null, outcome);
			}
		}
	}

	private void onTimer(CustomerState state, TimerFired timer, StepOutcome outcome) {
		if (DeliveryPolicy.isHoldTimer(timer.timerId())) {
			releaseHeld(state, timer, outcome);
			return;
		}
		if (SegmentWatch.isTimer(timer.timerId())) {
			onSegmentTimer(state, timer, outcome);
			return;
		}
		if (Broadcasts.isTimer(timer.timerId())) {
			onBroadcast(state, timer, outcome);
			return;
		}
		if (!state.inJourney || !state.pendingTimers.remove(timer.timerId())) {
			return; // cancelled or already fired: a stale timer changes nothing
		}
		CompiledJourney.StageTable stage = journey.stages.get(state.stage);
		CompiledJourney.Recurrence recurrence = stage.recurrence(timer.timerId());
		if (recurrence != null) {
			onRecurrence(state, recurrence, timer, outcome);
			return;
		}
		CompiledJourney.TimerMove move = stage.timer(timer.timerId());
		if (move == null) {
			return;
		}
		StepMoment moment = new StepMoment(state, journey, timer.at(), null);
		moveTo(state, move.target(), timer.at(), move.cause(), outcome);
		evaluateTriggers(state, moment, timer.at(), outcome);
		runRules(state, moment, timer.at(), timer.timerId(), null, null, outcome);
	}

	/**
	 * A campaign's {@code every D}: re-armed for D later (same stage visit), then triggers; then the
	 * campaign's rules, unless a trigger moved the customer (the new stage's rules then run as on entry).
	 */
	private void onRecurrence(CustomerState state, CompiledJourney.Recurrence recurrence, TimerFired timer, StepOutcome outcome) {
		long at = timer.at();
		long next = at + recurrence.periodMillis();
		String nextId = recurrence.idPrefix() + next;
		state.pendingTimers.add(nextId);
		outcome.setTimer(new TimerRequest(state.customerId(), nextId, next));
		StepMoment moment = new StepMoment(state, journey, at, null);
		evaluateTriggers(state, moment, at, outcome);
		if (!state.inJourney) {
			return;
		}
		runRules(state, moment, at, timer.timerId(), null, outcome.stageEntered ? null : recurrence.campaign(), outcome);
	}

	/** Time alone may have moved the customer into or out of a watched segment: triggers, then rules as on a score. */
	private void onSegmentTimer(CustomerState state, TimerFired timer, StepOutcome outcome) {
		if (!state.pendingTimers.remove(timer.timerId())) {
			return;
		}
		StepMoment moment = new StepMoment(state, journey, timer.at(), null);
		evaluateTriggers(state, moment, timer.at(), outcome);
		if (state.inJourney && outcome.stageEntered) {
			runRules(state, moment, timer.at(), timer.timerId(), null, null, outcome);
		}
	}

	/** A broadcast's scheduled instant: the send if the customer is in its segment now, through the usual checks; then the next one. */
	private void onBroadcast(CustomerState state, TimerFired timer, StepOutcome outcome) {
		Broadcasts.Compiled fired = journey.broadcasts == null ? null : journey.broadcasts.fired(state, timer.timerId());
		if (fired == null) {
			return; // already fired, or a broadcast the journey no longer declares
		}
		StepMoment moment = new StepMoment(state, journey, timer.at(), null);
		if (fired.audience().test(moment)) {
			offer(state, Broadcasts.send(fired, state, moment, timer.at(), timer.timerId()), timer.at(), outcome);
		}
		journey.broadcasts.setNext(state, fired, timer.at(), delivery.zoneOf(state), outcome);
	}

	private void onScore(CustomerState state, ScoreUpdate update, StepOutcome outcome) {
		Integer model = journey.modelIndex.get(update.model());
		if (model == null) {
			return;
		}
		state.scores[model] = update.score();
		if (update.recommendation() != null) {
			state.recommendations[model] = update.recommendation();
		}
		StepMoment moment = new StepMoment(state, journey, update.at(), null);
		evaluateTriggers(state, moment, update.at(), outcome);
		if (state.inJourney && outcome.stageEntered) {
			runRules(state, moment, update.at(), update.model(), null, null, outcome);
		}
	}

	// ------------------------------------------------------------------ features and attributes

	/** Updates the event's features; returns, by feature index, which sequences changed (null when none did). */
	private boolean[] updateFeatures(CustomerState state, Event event, CompiledJourney.EventHandling handling) {
		for (int f : handling.resets()) {
			journey.features[f].reset(state.features[f]);
		}
		boolean[] changedSequences = null;
		int[] updates = handling.updates();
		for (int u = 0; u < updates.length; u++) {
			FeatureDefinition feature = journey.features[updates[u]];
			String field = handling.featureFields.get(u);
			if (feature.keepsItems()) {
				if (feature.recordItem(state.features[updates[u]], event.at(), itemId(event.fields().get(field)))) {
					if (changedSequences == null) {
						changedSequences = new boolean[journey.features.length];
					}
					changedSequences[updates[u]] = true;
				}
				continue;
			}
			double value = Double.NaN;
			Object raw = field == null ? null : event.fields().get(field);
			if (raw instanceof Number number) {
				value = number.doubleValue();
			} else if (raw instanceof Boolean flag) {
				value = flag ? 1 : 0;
			}
			if (feature.needsValue() && Double.isNaN(value)) {
				continue; // the event lacks the field: it does not count for this feature
			}
			feature.record(state.features[updates[u]], event.at(), value);
		}
		return changedSequences;
	}

	/** An item id as text; a whole number read from a log as a number loses no digits or gains no ".0". */
	private static String itemId(Object value) {
		if (value == null) {
			return null;
		}
		if (value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
			return Long.toString(d.longValue());
		}
		return value.toString();
	}

	private static void copyAttributes(CustomerState state, Event event, CompiledJourney.EventHandling handling) {
		for (int a = 0; a < handling.attributeFields.size(); a++) {
			Object value = event.fields().get(handling.attributeFields.get(a));
			if (value != null) {
				state.attributes[handling.attributeIndices.get(a)] = value;
			}
		}
	}

	// ------------------------------------------------------------------ lifecycle

	/** A goal event (its condition holds) of a customer in the journey: the visit's goal, if not reached yet and within the window. */
	private void checkGoal(CustomerState state, Event event, StepOutcome outcome) {
		if (state.goalReachedAt != CustomerState.NEVER || event.at() - state.enteredAt > journey.plan.goal().windowMillis()) {
			return;
		}
		state.goalReachedAt = event.at();
		outcome.goalReached(new GoalReached(state.customerId(), event.at(), event.type(), state.enteredAt, goalValue(event)));
		for (Split split : learningSplits) {
			String arm = KeptSplitArms.of(state, split);
			if (arm != null && !KeptSplitArms.converted(state, split.name())) {
				KeptSplitArms.markConverted(state, split.name());
				outcome.armOutcome(new ArmOutcome(state.customerId(), event.at(), journey.plan.name(), split.name(), arm, true));
			}
		}
	}

	private double goalValue(Event event) {
		String field = journey.plan.goal().valueField();
		return field != null && event.fields().get(field) instanceof Number number ? number.doubleValue() : 0;
	}

	/**
	 * Outside the journey: first time always; later per the reentry policy since the exit. In a
	 * terminal stage (the journey is over for them): per the policy since they reached it.
	 */
	private boolean mayEnter(CustomerState state, long at) {
		if (journey.entryStage == null) {
			return false;
		}
		if (state.inJourney && !journey.stages.get(state.stage).terminal) {
			return false;
		}
		if (state.visits == 0) {
			return true;
		}
		Reentry reentry = journey.plan.reentry();
		if (reentry == null || reentry.never()) {
			return false;
		}
		long since = state.inJourney ? state.stageEnteredAt : state.lastExitAt;
		return at - since >= reentry.afterMillis();
	}

	private void enter(CustomerState state, long at, StepOutcome outcome) {
		state.visits++;
		state.enteredAt = at;
		state.goalReachedAt = CustomerState.NEVER;
		moveTo(state, journey.entryStage, at, journey.entryCause, outcome);
	}

	private void leave(CustomerState state, long at, String cause, StepOutcome outcome) {
		cancelTimers(state, outcome);
		outcome.stageChange(new StageChange(state.customerId(), at, state.stage, null, cause));
		state.inJourney = false;
		state.lastExitAt = at;
		outcome.exited = true;
	}

	void moveTo(CustomerState state, String target, long at, String cause, StepOutcome outcome) {
		String from = state.inJourney ? state.stage : null;
		cancelTimers(state, outcome);
		state.stage = target;
		state.inJourney = true;
		state.stageEnteredAt = at;
		outcome.stageChange(new StageChange(state.customerId(), at, from, target, cause));
		outcome.stageEntered = true;
		CompiledJourney.StageTable stage = journey.stages.get(target);
		for (CompiledJourney.TimerMove timer : stage.timers) {
			String timerId = timer.idPrefix() + at;
			state.pendingTimers.add(timerId);
			outcome.setTimer(new TimerRequest(state.customerId(), timerId, at + timer.delayMillis()));
		}
		for (CompiledJourney.Recurrence recurrence : stage.recurrences) {
			long due = at + recurrence.periodMillis();
			String timerId = recurrence.idPrefix() + due;
			state.pendingTimers.add(timerId);
			outcome.setTimer(new TimerRequest(state.customerId(), timerId, due));
		}
	}

	/** Cancels the stage's timers; the segment and broadcast timers stay (they watch the customer whatever their stage). */
	private static void cancelTimers(CustomerState state, StepOutcome outcome) {
		List<String> kept = null;
		for (String timerId : state.pendingTimers) {
			if (SegmentWatch.isTimer(timerId) || Broadcasts.isTimer(timerId)) {
				kept = kept == null ? new ArrayList<>(2) : kept;
				kept.add(timerId);
			} else {
				outcome.cancelTimer(timerId);
			}
		}
		state.pendingTimers.clear();
		if (kept != null) {
			state.pendingTimers.addAll(kept);
		}
	}

	// ------------------------------------------------------------------ score triggers and requests

	/**
	 * Releases fired triggers whose condition stopped holding (or whose hysteresis was passed), then
	 * fires the current stage's first armed trigger whose condition holds, and again in the stage it
	 * led to; each trigger fires at most once per step, so this ends.
	 */
	private void evaluateTriggers(CustomerState state, StepMoment moment, long at, StepOutcome outcome) {
		if (journey.segments != null) {
			onSegmentChanges(state, moment, at, outcome);
		}
		if (journey.triggers.length == 0) {
			return;
		}
		long[] fired = state.firedTriggers;
		int triggerWords = (journey.triggers.length + 63) / 64; // segment bits follow
		for (int word = 0; word < triggerWords; word++) {
			long bits = fired[word];
			while (bits != 0) {
				int bit = Long.numberOfTrailingZeros(bits);
				bits &= bits - 1;
				if (released(journey.triggers[word * 64 + bit], state, moment)) {
					fired[word] &= ~(1L << bit);
				}
			}
		}
		while (state.inJourney) {
			CompiledJourney.ScoreTrigger next = null;
			for (CompiledJourney.ScoreTrigger trigger : journey.stages.get(state.stage).triggers) {
				if ((fired[trigger.index() >>> 6] & (1L << trigger.index())) == 0 && trigger.condition().test(moment)) {
					next = trigger;
					break;
				}
			}
			if (next == null) {
				return;
			}
			fired[next.index() >>> 6] |= 1L << next.index();
			moveTo(state, next.target(), at, next.cause(), outcome);
		}
	}

	/**
	 * The watched segments' membership now against after the last input: entering the entry segment
	 * enters the journey (per the reentry rules and the entry condition; that change is not offered to
	 * the entry stage's transitions); then the current stage's first segment transition whose change
	 * happened moves the customer, and again in the stage it led to, each change used once. Then the
	 * segment timer is set for the next instant time alone changes the membership.
	 */
	private void onSegmentChanges(CustomerState state, StepMoment moment, long at, StepOutcome outcome) {
		SegmentWatch segments = journey.segments;
		long before = segments.recorded(state);
		long now = segments.membership(moment);
		segments.record(state, now);
		long entered = now & ~before;
		long left = before & ~now;
		boolean placed = false;
		if (journey.entrySegment >= 0 && (entered & (1L << journey.entrySegment)) != 0 && mayEnter(state, at)
				&& (journey.entryCondition == null || journey.entryCondition.test(moment))) {
			if (state.inJourney) {
				leave(state, at, "completed", outcome);
			}
			enter(state, at, outcome);
			placed = true;
		}
		if (placed) {
			entered &= ~(1L << journey.entrySegment);
		}
		while (state.inJourney && (entered | left) != 0) {
			CompiledJourney.SegmentMove next = null;
			for (CompiledJourney.SegmentMove move : journey.stages.get(state.stage).segmentMoves) {
				if (((move.leaving() ? left : entered) & (1L << move.segment())) != 0) {
					next = move;
					break;
				}
			}
			if (next == null) {
				break;
			}
			if (next.leaving()) {
				left &= ~(1L << next.segment());
			} else {
				entered &= ~(1L << next.segment());
			}
			moveTo(state, next.target(), at, next.cause(), outcome);
		}
		String pending = SegmentWatch.pendingTimer(state);
		long due = segments.nextChange(state, journey, at, now);
		String timerId = due == Long.MAX_VALUE ? null : SegmentWatch.TIMER_PREFIX + due;
		if (!java.util.Objects.equals(pending, timerId)) {
			if (pending != null) {
				state.pendingTimers.remove(pending);
				outcome.cancelTimer(pending);
			}
			if (timerId != null) {
				state.pendingTimers.add(timerId);
				outcome.setTimer(new TimerRequest(state.customerId(), timerId, due));
			}
		}
	}

	private static boolean released(CompiledJourney.ScoreTrigger trigger, CustomerState state, StepMoment moment) {
		Transition.Hysteresis hysteresis = trigger.hysteresis();
		if (hysteresis == null || trigger.model() < 0) {
			return !trigger.condition().test(moment);
		}
		double score = state.scores[trigger.model()];
		return hysteresis.direction() == Transition.Direction.BELOW ? score < hysteresis.threshold()
				: score > hysteresis.threshold();
	}

	/** A recommender is asked only when its sequence changed in this step; a scoring model whenever an input moved. */
	private void requestScores(CustomerState state, long at, int[] models, boolean[] changedSequences, StepOutcome outcome) {
		for (int model : models) {
			int[] inputs = journey.modelInputs[model];
			if (journey.recommenderExcept[model] != null) {
				int sequence = inputs[0];
				if (changedSequences != null && changedSequences[sequence]) {
					String[] items = journey.features[sequence].items(state.features[sequence]);
					outcome.requestScore(ScoreRequest.forRecommender(state.customerId(), journey.modelNames[model], items, at));
				}
				continue;
			}
			float[] row = new float[inputs.length];
			for (int i = 0; i < inputs.length; i++) {
				row[i] = (float) journey.features[inputs[i]].value(state.features[inputs[i]], at);
			}
			outcome.requestScore(new ScoreRequest(state.customerId(), journey.modelNames[model], row, at));
		}
	}

	// ------------------------------------------------------------------ campaign rules

	/** {@code onlyCampaign}: the one campaign that may act (a recurrence), null for all of the stage's. */
	void runRules(CustomerState state, StepMoment moment, long at, String inputKey, Event event, String onlyCampaign,
			StepOutcome outcome) {
		CompiledJourney.StageTable stage = journey.stages.get(state.stage);
		if (stage.campaigns.isEmpty()) {
			return;
		}
		Map<String, String> arms = new LinkedHashMap<>();
		List<String> campaigns = new ArrayList<>(stage.campaigns);
		if (onlyCampaign != null) {
			campaigns.retainAll(List.of(onlyCampaign));
		}
		List<String> heldOut = null;
		for (Split split : stage.splits) {
			String kept = KeptSplitArms.of(state, split);
			String arm = kept != null ? kept
					: split.learns() ? assignLearning(state, split, at, outcome) : armOf(journey.plan.name(), state.customerId(), split);
			arms.put(split.name(), arm);
			for (Split.Arm other : split.arms()) {
				if (!other.holdout() && !other.campaign().equals(arm) && campaigns.remove(other.campaign())
						&& "holdout".equals(arm)) {
					heldOut = heldOut == null ? new ArrayList<>(1) : heldOut;
					heldOut.add(other.campaign());
				}
			}
		}
		if (campaigns.isEmpty() && heldOut == null) {
			return;
		}
		List<String> evaluated = campaigns;
		if (heldOut != null) {
			// a holdout customer's withheld campaigns are evaluated only to record what they would have sent
			evaluated = new ArrayList<>(campaigns);
			evaluated.addAll(heldOut);
		}
		CustomerFact fact = fact(state, moment, at, outcome.stageEntered, arms, evaluated, event);
		List<RuleAction> decided = rules.evaluate(fact);
		int inputFingerprint = event == null ? 0 : event.fields().hashCode();
		for (RuleAction action : decided) {
			String id = ActionIds.of(state.customerId(), at, inputKey, inputFingerprint, state.stage, action.campaign(),
					action.rule(), action.actionIndex());
			if (heldOut != null && heldOut.contains(action.campaign())) {
				if ("send".equals(action.kind())) {
					outcome.deliveryNotice(new DeliveryNotice(state.customerId(), at, id, action.campaign(), action.rule(),
							action.channel(), action.target(), DeliveryOutcome.SUPPRESSED_HOLDOUT, 0));
				}
				continue;
			}
			ActionRecord record = new ActionRecord(id, state.customerId(), at, action.campaign(), action.rule(), action.kind(),
					action.channel(), action.target(), action.params(), scoresBehind(state, action));
			record = offerChoices.choose(record, action.actionIndex(), state.scores);
			if (!offer(state, record, at, outcome)) {
				continue;
			}
			if ("tag".equals(action.kind())) {
				state.addTag(action.target());
			} else if ("untag".equals(action.kind())) {
				state.removeTag(action.target());
			}
		}
	}

	/** Consent, caps and quiet hours decide whether a decided action goes now; false when it was withheld, suppressed or held. */
	private boolean offer(CustomerState state, ActionRecord record, long at, StepOutcome outcome) {
		ConsentPolicy.Withheld withheld = withheld(state, record);
		if (withheld != null) {
			outcome.deliveryNotice(DeliveryNotice.notSubscribed(record, at, withheld));
			return false;
		}
		DeliveryPolicy.Verdict verdict = delivery.offer(state, record);
		if (!verdict.deliver()) {
			DeliveryNotice notice = DeliveryNotice.of(record, at, verdict.outcome(), verdict.releaseAt());
			outcome.deliveryNotice(verdict.cap() == null ? notice : notice.becauseOf(verdict.capText(), verdict.capCount()));
			if (verdict.timerId() != null) {
				outcome.setTimer(new TimerRequest(state.customerId(), verdict.timerId(), verdict.releaseAt()));
			}
			return false;
		}
		outcome.action(record);
		return true;
	}

	/** A message held by quiet hours: sent now if the customer is still where its campaign acts. */
	private void releaseHeld(CustomerState state, TimerFired timer, StepOutcome outcome) {
		DeliveryPolicy.Release release = delivery.release(state, timer.timerId(), timer.at(), state.stage());
		if (release == null) {
			return;
		}
		ActionRecord action = release.action();
		ConsentPolicy.Withheld withheld = release.outcome() == DeliveryOutcome.RELEASED ? withheld(state, action) : null;
		if (withheld != null) { // consent withdrawn while it waited
			outcome.deliveryNotice(DeliveryNotice.notSubscribed(action, timer.at(), withheld));
			return;
		}
		outcome.deliveryNotice(DeliveryNotice.of(action, timer.at(), release.outcome(), timer.at()));
		if (release.outcome() == DeliveryOutcome.RELEASED) {
			outcome.action(action);
		}
	}

	/** Why a send may not go for want of consent; null when it may (or the journey leaves consent to its workspace). */
	private ConsentPolicy.Withheld withheld(CustomerState state, ActionRecord action) {
		if (consent == null || !"send".equals(action.kind())) {
			return null;
		}
		return consent.check(state, sendTopics.of(action), action.channel());
	}

	/**
	 * A customer's first time in a learning split's stage: the arm by the hash and the current epoch's
	 * weights, kept in the state (later weights do not move them), and counted as an exposure.
	 */
	private String assignLearning(CustomerState state, Split split, long at, StepOutcome outcome) {
		String name = journey.plan.name();
		String arm = SplitAssignment.armOf(name, state.customerId(), split, splitWeights.current().of(name, split.name()));
		KeptSplitArms.keep(state, split.name(), arm);
		outcome.armOutcome(new ArmOutcome(state.customerId(), at, name, split.name(), arm, false));
		return arm;
	}

	/** The customer's arm of a split: by a stable hash of journey, split and id, so it never changes. */
	static String armOf(String journeyName, String customerId, Split split) {
		return SplitAssignment.armOf(journeyName, customerId, split);
	}

	private CustomerFact fact(CustomerState state, StepMoment moment, long at, boolean entered, Map<String, String> arms,
			List<String> campaigns, Event event) {
		Map<String, Object> attributes = new LinkedHashMap<>();
		for (int a = 0; a < journey.attributeNames.length; a++) {
			if (state.attributes[a] != null) {
				attributes.put(journey.attributeNames[a], state.attributes[a]);
			}
		}
		Map<String, Double> features = new LinkedHashMap<>();
		Map<String, Object> kept = new LinkedHashMap<>();
		for (int f = 0; f < journey.featureNames.length; f++) {
			features.put(journey.featureNames[f], moment.feature(f));
			if (journey.features[f].type() != ValueType.DECIMAL) {
				Object value = moment.featureValue(f);
				if (value != null) {
					kept.put(journey.featureNames[f], value);
				}
			}
		}
		Map<String, Double> scores = new LinkedHashMap<>();
		for (int m = 0; m < journey.modelNames.length; m++) {
			if (!Double.isNaN(state.scores[m])) {
				scores.put(journey.modelNames[m], state.scores[m]);
			}
		}
		Map<String, Recommendation> recommendations = new LinkedHashMap<>();
		for (int m = 0; m < journey.modelNames.length; m++) {
			if (journey.recommenderExcept[m] != null) {
				recommendations.put(journey.modelNames[m], moment.recommendation(m));
			}
		}
		EventFact eventFact = event == null ? null : new EventFact(event.type(), event.at(), event.fields());
		return CustomerFact.ofOwnMaps(state.customerId(), at, state.stage, entered, attributes, features, scores, arms, campaigns,
				state.tags(), eventFact, recommendations, kept);
	}

	/** The scores the deciding rule's condition read (all known scores for a rule the plan does not name). */
	private Map<String, Double> scoresBehind(CustomerState state, RuleAction action) {
		Map<String, int[]> byRule = journey.ruleModels.get(action.campaign());
		int[] models = byRule == null ? null : byRule.get(action.rule());
		Map<String, Double> scores = new LinkedHashMap<>();
		if (models == null) {
			for (int m = 0; m < journey.modelNames.length; m++) {
				if (!Double.isNaN(state.scores[m])) {
					scores.put(journey.modelNames[m], state.scores[m]);
				}
			}
		} else {
			for (int m : models) {
				if (!Double.isNaN(state.scores[m])) {
					scores.put(journey.modelNames[m], state.scores[m]);
				}
			}
		}
		return scores;
	}

	// ------------------------------------------------------------------ state shape

	/** Sizes a state's arrays to the plan (a fresh state, or one stored under an older plan). */
	private void fit(CustomerState state) {
		journey.fit(state);
	}
}
