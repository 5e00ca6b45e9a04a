package io.itinera.runtime.simulate;

import io.itinera.runtime.delivery.DeliveryOutcome;
import io.itinera.runtime.driver.CustomerSlot;
import io.itinera.runtime.driver.DriverSettings;
import io.itinera.runtime.driver.InputProblems;
import io.itinera.runtime.driver.StepDriver;
import io.itinera.runtime.driver.StepListener;
import io.itinera.runtime.driver.StoredCustomers;
import io.itinera.runtime.io.DeadLetter;
import io.itinera.runtime.io.RunOutput;
import io.itinera.runtime.delivery.SplitAssignment;
import io.itinera.runtime.plan.EventType;
import io.itinera.runtime.plan.Split;
import io.itinera.runtime.scoring.Scorer;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.driver.SplitEpochs;
import io.itinera.runtime.step.ActionRecord;
import io.itinera.runtime.step.ArmOutcome;
import io.itinera.runtime.step.CustomerState;
import io.itinera.runtime.step.DeliveryNotice;
import io.itinera.runtime.step.Event;
import io.itinera.runtime.step.GoalEvent;
import io.itinera.runtime.step.GoalReached;
import io.itinera.runtime.step.JourneyStep;
import io.itinera.runtime.step.SegmentMembership;
import io.itinera.runtime.step.StageChange;
import io.itinera.runtime.step.StepInput;
import io.itinera.runtime.step.StepResult;
import io.itinera.runtime.step.TimerFired;
import io.itinera.runtime.step.WorkspaceState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One journey (or a workspace of journeys, {@link #ofWorkspace}) replayed in event time through a
 * {@link StepDriver}, the same driver the local engine's workers use: each customer's timers fire
 * at their event-time moment, before the customer's next event (or at the end of the replay
 * window), so a log need only be in time order per customer. This class turns what the driver did
 * into the report's figures, one report per journey (results name their journey in a workspace).
 */
public final class JourneySimulation implements StepListener {
	private final List<Part> parts = new ArrayList<>();
	private final StepDriver driver;
	private final RunOutput output;
	/** A workspace's messages over all its journeys (null for one journey alone). */
	private final DeliveryFigures allJourneys;
	private long events;
	private long timersFired;
	private long lateEvents;
	private long failedInputs;
	/** The simulated market answering the journey's messages ({@code --market}), or null. */
	private SimulatedMarket market;
	/** The epochs of the journey's learning splits ({@code auto winner}), or null. */
	private SplitEpochs epochs;
	private final long latenessMillis;
	/** The thread that tallies the steps' figures while the driver goes on, or null: tallied at once. */
	private FigureThread figureThread;
	/** Whether a journey's figures count its customers' events themselves (not only what the steps did with them). */
	private final boolean eventsCounted;

	/**
	 * {@code scorer} answers the plan's models (null for a plan without any); the actions and stage
	 * changes go to {@code output}, with the inputs the driver could not apply (late events) as dead letters.
	 */
	public JourneySimulation(JourneyPlan plan, JourneyStep step, Scorer scorer, DriverSettings settings, RunOutput output) {
		this(List.of(plan), false, step, scorer, settings, output);
	}

	/** A workspace's journeys ({@code plans}, one report each) through its one step function. */
	public static JourneySimulation ofWorkspace(List<JourneyPlan> plans, JourneyStep step, Scorer scorer, DriverSettings settings,
			RunOutput output) {
		return new JourneySimulation(plans, true, step, scorer, settings, output);
	}

	private JourneySimulation(List<JourneyPlan> plans, boolean workspace, JourneyStep step, Scorer scorer, DriverSettings settings,
			RunOutput output) {
		this.output = output;
		this.latenessMillis = settings.latenessMillis();
		this.driver = new StepDriver(step, settings.withWallClock(false), scorer, StoredCustomers.NONE, this);
		for (JourneyPlan plan : plans) {
			parts.add(new Part(workspace ? plan.name() : null, plan));
		}
		this.allJourneys = workspace ? new DeliveryFigures("workspace") : null;
		this.eventsCounted = parts.stream().anyMatch(part -> part.figures.countsEvents());
	}

	/** One journey's figures. */
	private static final class Part {
		final String journey;
		final JourneyPlan plan;
		final JourneyFigures figures;
		final Set<String> declaredEvents = new HashSet<>();
		final Map<String, int[]> splitsByStage = new HashMap<>();
		/** Null when the journey declares no segment. */
		final SegmentSizes segments;
		final SendTimes sendTimes;
		long events;

		Part(String journey, JourneyPlan plan) {
			this.journey = journey;
			this.plan = plan;
			this.figures = new JourneyFigures(plan);
			this.segments = plan.segments().isEmpty() ? null : new SegmentSizes(new SegmentMembership(plan));
			this.sendTimes = new SendTimes(plan, journey);
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
	}

	/** The part of a result's {@code journey} (null when one journey runs alone). */
	private int partOf(String journey) {
		if (journey == null) {
			return 0;
		}
		for (int p = 0; p < parts.size(); p++) {
			if (journey.equals(parts.get(p).journey)) {
				return p;
			}
		}
		throw new IllegalStateException("a result of journey " + journey + ", which is not simulated");
	}

	public String name() {
		return parts.get(0).plan.name();
	}

	public JourneyPlan plan() {
		return parts.get(0).plan;
	}

	boolean declares(String eventType) {
		for (int p = 0; p < parts.size(); p++) {
			if (parts.get(p).declaredEvents.contains(eventType)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The zone of customers without a {@code timezone} attribute ({@code --zone}), for the report's messages by
	 * local hour (UTC unless set).
	 */
	public JourneySimulation hostZone(java.time.ZoneId zone) {
		parts.forEach(part -> part.sendTimes.hostZone(zone));
		return this;
	}

	/**
	 * From now on the steps' figures are tallied on a thread of their own, beside the driver's (the same
	 * figures): unless a journey counts segments, whose membership is read from the customer's state before
	 * each step, on the driver's thread.
	 */
	void tallyOnOwnThread() {
		if (figureThread == null && parts.stream().allMatch(part -> part.segments == null)) {
			figureThread = new FigureThread(this::tally);
		}
	}

	/** Every step so far is tallied. */
	private void awaitFigures() {
		if (figureThread != null) {
			figureThread.finish();
		}
	}

	/** Answers the journey's messages from {@code market} from now on (one journey, not a workspace). */
	public void answerWith(SimulatedMarket market) {
		if (parts.size() != 1 || parts.get(0).journey != null) {
			throw new IllegalArgumentException("a simulated market answers one journey's messages, not a workspace's");
		}
		this.market = market;
	}

	/** The learning splits' weights change at their epochs, published by {@code epochs} (one journey, not a workspace). */
	public void learnWith(SplitEpochs learning) {
		this.epochs = learning;
	}

	/**
	 * Before an event at {@code time}: at each epoch boundary of a learning split up to it, every customer's
	 * inputs before the boundary go in (answers, timers, held events) and the new weights are published; then
	 * the market's answers and the timers due by {@code time}.
	 */
	void advanceTo(long time) {
		if (epochs != null) {
			epochs.beforeInputAt(time, this::advanceAllTo);
		}
		if (market != null) {
			market.runUntil(time, driver, this::injected);
		}
	}

	/** Event time {@code time} has passed for every customer: their answers, timers and held events up to it go in. */
	private void advanceAllTo(long time) {
		do {
			if (market != null) {
				market.runUntil(time, driver, this::injected);
			}
			driver.advanceAll(time);
		} while (market != null && market.hasDue(time));
	}

	/** A market's answer applied as an event of the customer; false when it came too late for them. */
	private boolean injected(Event event) {
		long lateBefore = lateEvents;
		onEvent(event, 0);
		return lateEvents == lateBefore;
	}

	void onEvent(Event event, long line) {
		events++;
		for (int p = 0; p < parts.size(); p++) {
			Part part = parts.get(p);
			if (part.declaredEvents.contains(event.type())) {
				part.events++;
			}
		}
		driver.onEvent(event, line);
		if (market != null) {
			market.onEvent(event, latenessMillis);
		}
	}

	/** The end of the replay: held events are applied and every timer due by {@code end} fires. */
	void finish(long end) {
		do {
			advanceTo(end);
			driver.finish(end);
		} while (market != null && market.hasDue(end));
		awaitFigures();
		for (int p = 0; p < parts.size(); p++) {
			Part part = parts.get(p);
			if (part.segments != null) {
				for (CustomerSlot slot : driver.customers()) {
					part.segments.finish(((CustomerTrack[]) slot.attachment())[p], partState(part, slot.state()), end);
				}
			}
		}
	}

	@Override
	public void beforeStep(CustomerSlot customer, StepInput input) {
		CustomerTrack[] tracks = (CustomerTrack[]) customer.attachment();
		for (int p = 0; p < parts.size(); p++) {
			Part part = parts.get(p);
			if (part.segments != null) {
				part.segments.beforeInput(tracks[p], partState(part, customer.state()), input.at());
			}
		}
	}

	/** A workspace customer's part for the journey (null before they have one). */
	private static CustomerState partState(Part part, CustomerState state) {
		return part.journey != null && state instanceof WorkspaceState composite ? composite.part(part.journey) : state;
	}

	@Override
	public void onNewCustomer(CustomerSlot customer) {
		CustomerTrack[] tracks = new CustomerTrack[parts.size() + (allJourneys == null ? 0 : 1)];
		for (int p = 0; p < parts.size(); p++) {
			tracks[p] = parts.get(p).figures.track(customer.customerId());
		}
		if (allJourneys != null) {
			tracks[parts.size()] = new CustomerTrack(customer.customerId(), 0); // messages across all journeys
		}
		customer.attach(tracks);
	}

	@Override
	public void onLateEvent(Event event, long line, long customerClock, long lateness) {
		lateEvents++;
		write(List.of(), List.of(), List.of(InputProblems.late(event, line, customerClock, lateness)));
	}

	@Override
	public void onFailedInput(StepInput input, long line, RuntimeException error) {
		failedInputs++;
		write(List.of(), List.of(), List.of(InputProblems.failed(input, line, error)));
	}

	@Override
	public void onStep(CustomerSlot customer, StepInput input, StepResult result) {
		CustomerTrack[] tracks = (CustomerTrack[]) customer.attachment();
		if (market != null) {
			market.onStep(customer, result);
		}
		for (int p = 0; p < parts.size(); p++) {
			parts.get(p).sendTimes.step(input, result);
		}
		if (epochs != null) {
			epochs.count(result);
		}
		if (input instanceof TimerFired) {
			timersFired++;
		}
		if (!result.actions().isEmpty() || !result.stageChanges().isEmpty() || !result.deliveryNotices().isEmpty()) {
			try {
				output.write(result.actions(), result.stageChanges(), result.deliveryNotices(), List.of());
			} catch (IOException e) {
				throw new UncheckedIOException("cannot write the simulation's output: " + e.getMessage(), e);
			}
		}
		if (!tallies(input, result)) {
			return;
		}
		boolean[] readsMissing = readsMissingAttribute(result);
		if (figureThread != null) {
			figureThread.add(tracks, input, result, readsMissing);
		} else {
			tally(tracks, input, result, readsMissing);
		}
	}

	/** Whether the step counts in the figures: most steps of a long replay change nothing they count. */
	private boolean tallies(StepInput input, StepResult result) {
		return (eventsCounted && input instanceof Event) || !result.stageChanges().isEmpty() || !result.actions().isEmpty()
				|| !result.deliveryNotices().isEmpty() || !result.goalsReached().isEmpty() || !result.goalEvents().isEmpty()
				|| !result.armOutcomes().isEmpty();
	}

	/** For each of the step's actions, whether its rule reads an attribute the customer's state lacks (null: no actions). */
	private boolean[] readsMissingAttribute(StepResult result) {
		List<ActionRecord> actions = result.actions();
		if (actions.isEmpty()) {
			return null;
		}
		boolean[] missing = new boolean[actions.size()];
		for (int a = 0; a < actions.size(); a++) {
			ActionRecord action = actions.get(a);
			missing[a] = parts.get(partOf(action.journey())).figures.readsMissingAttribute(action,
					journeyState(result.state(), action.journey()));
		}
		return missing;
	}

	/**
	 * A step's share of the journeys' figures: it reads the tracks and the result, never the customer's state
	 * (it may run on the figures' own thread, {@link FigureThread}, while the driver goes on).
	 */
	private void tally(CustomerTrack[] tracks, StepInput input, StepResult result, boolean[] readsMissingAttribute) {
		if (input instanceof Event event) {
			for (int p = 0; p < parts.size(); p++) {
				if (parts.get(p).declaredEvents.contains(event.type())) {
					parts.get(p).figures.event(tracks[p], event);
				}
			}
		}
		// The step checks the goal before it moves the customer or runs the rules: a goal counts for
		// the stages, rules and split arms that reached the customer at an earlier step.
		// indexed loops: a step's lists are short and many, and the simulator runs without escape analysis (C1)
		List<GoalReached> goalsReached = result.goalsReached();
		for (int g = 0; g < goalsReached.size(); g++) {
			GoalReached goal = goalsReached.get(g);
			int p = partOf(goal.journey());
			parts.get(p).figures.goalReached(tracks[p], goal);
		}
		List<GoalEvent> goalEvents = result.goalEvents();
		for (int g = 0; g < goalEvents.size(); g++) {
			GoalEvent goal = goalEvents.get(g);
			int p = partOf(goal.journey());
			parts.get(p).figures.goalEvent(tracks[p], goal);
		}
		List<StageChange> changes = result.stageChanges();
		for (int c = 0; c < changes.size(); c++) {
			StageChange change = changes.get(c);
			int p = partOf(change.journey());
			JourneyFigures figures = parts.get(p).figures;
			if (change.from() == null) {
				figures.visitStarted(tracks[p], change.at());
			}
			figures.stageChange(tracks[p], change);
			if (change.to() != null) {
				assignSplits(parts.get(p), tracks[p], change.to());
			}
		}
		List<ArmOutcome> outcomes = result.armOutcomes();
		for (int o = 0; o < outcomes.size(); o++) {
			ArmOutcome outcome = outcomes.get(o);
			if (!outcome.conversion()) {
				int p = parts.size() == 1 ? 0 : partOf(outcome.journey()); // a workspace's results name their journey
				assignLearned(parts.get(p), tracks[p], outcome);
			}
		}
		List<ActionRecord> actions = result.actions();
		for (int a = 0; a < actions.size(); a++) {
			ActionRecord action = actions.get(a);
			int p = partOf(action.journey());
			parts.get(p).figures.action(tracks[p], action, readsMissingAttribute[a]);
			if (allJourneys != null) {
				allJourneys.sent(tracks[parts.size()], action);
			}
		}
		List<DeliveryNotice> notices = result.deliveryNotices();
		for (int n = 0; n < notices.size(); n++) {
			DeliveryNotice notice = notices.get(n);
			JourneyFigures figures = parts.get(partOf(notice.journey())).figures;
			figures.notice(notice);
			if (allJourneys != null) {
				allJourneys.notice(notice);
			}
			if (notice.outcome() == DeliveryOutcome.SUPPRESSED_BY_CAP || notice.outcome() == DeliveryOutcome.LOST_TO_PRIORITY) {
				figures.withheld(notice.campaign(), notice.rule(), JourneyFigures.Withheld.CAP);
			} else if (notice.outcome() == DeliveryOutcome.HELD_BY_QUIET_HOURS || notice.outcome() == DeliveryOutcome.HELD_BY_PRIORITY) {
				figures.withheld(notice.campaign(), notice.rule(), JourneyFigures.Withheld.QUIET_HOURS);
			} else if (notice.outcome() == DeliveryOutcome.DROPPED_STAGE_LEFT) {
				figures.withheld(notice.campaign(), notice.rule(), JourneyFigures.Withheld.DROPPED);
			} else if (notice.outcome() == DeliveryOutcome.SUPPRESSED_HOLDOUT) {
				figures.withheldFromHoldout(tracks[partOf(notice.journey())], notice);
			}
		}
	}

	/** The journey's own state: a workspace customer's state holds one per journey. */
	private static CustomerState journeyState(CustomerState state, String journey) {
		return state instanceof WorkspaceState workspace ? workspace.part(journey) : state;
	}

	private void write(List<ActionRecord> actions, List<StageChange> changes, List<DeadLetter> deadLetters) {
		try {
			output.write(actions, changes, deadLetters);
		} catch (IOException e) {
			throw new UncheckedIOException("cannot write the simulation's output: " + e.getMessage(), e);
		}
	}

	private static void assignSplits(Part part, CustomerTrack track, String stage) {
		int[] splits = part.splitsByStage.get(stage);
		if (splits == null) {
			return;
		}
		for (int s : splits) {
			if (track.splitArms[s] < 0 && !part.plan.splits().get(s).learns()) {
				part.figures.assignedToArm(track, s, armIndex(part.plan, part.plan.splits().get(s), track.customerId));
			}
		}
	}

	/** A learning split's arm is the one the step assigned (by the weights of that moment), as it reported it. */
	private static void assignLearned(Part part, CustomerTrack track, ArmOutcome outcome) {
		List<Split> splits = part.plan.splits();
		for (int s = 0; s < splits.size(); s++) {
			if (splits.get(s).name().equals(outcome.split()) && track.splitArms[s] < 0) {
				for (int a = 0; a < splits.get(s).arms().size(); a++) {
					if (splits.get(s).arms().get(a).label().equals(outcome.arm())) {
						part.figures.assignedToArm(track, s, a);
					}
				}
			}
		}
	}

	/** The customer's arm, decided exactly as the step function decides it for the rules. */
	private static int armIndex(JourneyPlan plan, Split split, String customerId) {
		String label = SplitAssignment.armOf(plan.name(), customerId, split);
		for (int a = 0; a < split.arms().size(); a++) {
			if (split.arms().get(a).label().equals(label)) {
				return a;
			}
		}
		throw new IllegalStateException("split " + split.name() + " has no arm " + label);
	}

	/** Timers still set at the end (of the journey's part: its timer ids start with {@code JOURNEY/} in a workspace). */
	private long pendingTimers(String journey) {
		long pending = 0;
		for (CustomerSlot slot : driver.customers()) {
			if (journey == null) {
				pending += slot.pendingTimers();
			} else {
				for (io.itinera.runtime.step.TimerRequest timer : slot.timers()) {
					if (timer.timerId().startsWith(journey + "/")) {
						pending++;
					}
				}
			}
		}
		return pending;
	}

	long events() {
		return events;
	}

	/** Inputs dead-lettered by the driver: late events and inputs the step function failed on. */
	long droppedInputs() {
		return lateEvents + failedInputs;
	}

	/** Events put back in order, and late events, of this replay. */
	public long outOfOrderEvents() {
		return driver.outOfOrderEvents();
	}

	public long lateEvents() {
		return driver.lateEvents();
	}

	long scored() {
		return driver.rowsScored();
	}

	/** When the part's messages went out and, with a market, what it answered and the regret of the learning decisions. */
	private LearningFigures learning(Part part) {
		LearningFigures figures = part.sendTimes.figures();
		if (market == null) {
			return figures;
		}
		return new LearningFigures(figures.hostZone(), figures.sendsByHour(), figures.bestHour(), market.figures(),
				market.decisions(), figures.splitWeights());
	}

	/** A workspace's messages across its journeys, at the end of the replay; null for one journey alone. */
	public SimulationReport.WorkspaceDelivery workspaceDelivery(String workspace) {
		if (allJourneys == null) {
			return null;
		}
		awaitFigures();
		for (CustomerSlot slot : driver.customers()) {
			CustomerTrack track = ((CustomerTrack[]) slot.attachment())[parts.size()];
			allJourneys.closeWeek(track);
			track.messageWeek = CustomerTrack.NEVER;
		}
		return new SimulationReport.WorkspaceDelivery(workspace, parts.stream().map(part -> part.journey).toList(),
				allJourneys.channels(), allJourneys.weeks());
	}

	/**
	 * One report per journey. {@code eventsRead}: the events in the window; each journey counts the
	 * others as undeclared.
	 */
	List<SimulationReport> reports(SimulationReport.Window window, long outsideWindow, long eventsRead, long deadLetters) {
		awaitFigures();
		List<SimulationReport> reports = new ArrayList<>();
		for (int p = 0; p < parts.size(); p++) {
			Part part = parts.get(p);
			long partEvents = parts.size() == 1 ? events : part.events;
			List<CustomerTrack> tracks = new ArrayList<>();
			long pendingTimers = 0; // one journey's: counted in the same walk over the customers
			for (CustomerSlot slot : driver.customers()) {
				tracks.add(((CustomerTrack[]) slot.attachment())[p]);
				pendingTimers += slot.pendingTimers();
			}
			SimulationReport.Input input = new SimulationReport.Input(partEvents - lateEvents, outsideWindow,
					eventsRead - partEvents, deadLetters + droppedInputs(), tracks.size(), timersFired,
					part.journey == null ? pendingTimers : pendingTimers(part.journey), driver.rowsScored());
			SimulationReport report = part.figures.report(tracks, window, input).withLearning(learning(part));
			reports.add(part.segments == null ? report : report.withSegmentsByMonth(part.segments.months()));
		}
		return reports;
	}
}
