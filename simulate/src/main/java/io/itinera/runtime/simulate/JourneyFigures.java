package io.itinera.runtime.simulate;

import io.itinera.runtime.plan.Attribute;
import io.itinera.runtime.plan.Campaign;
import io.itinera.runtime.plan.CampaignRule;
import io.itinera.runtime.plan.ConditionNames;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.Split;
import io.itinera.runtime.plan.Stage;
import io.itinera.runtime.plan.Transition;
import io.itinera.runtime.plan.TransitionLabels;
import io.itinera.runtime.simulate.SimulationReport.ArmFigures;
import io.itinera.runtime.simulate.SimulationReport.CampaignFigures;
import io.itinera.runtime.simulate.SimulationReport.DayFigures;
import io.itinera.runtime.simulate.SimulationReport.GoalFigures;
import io.itinera.runtime.simulate.SimulationReport.HistogramBin;
import io.itinera.runtime.simulate.SimulationReport.PhaseFigures;
import io.itinera.runtime.simulate.SimulationReport.RuleFigures;
import io.itinera.runtime.simulate.SimulationReport.SplitFigures;
import io.itinera.runtime.simulate.SimulationReport.StageFigures;
import io.itinera.runtime.simulate.SimulationReport.TransitionFigures;
import io.itinera.runtime.plan.ExprText;
import io.itinera.runtime.step.ActionRecord;
import io.itinera.runtime.step.CustomerState;
import io.itinera.runtime.step.DeliveryNotice;
import io.itinera.runtime.step.GoalEvent;
import io.itinera.runtime.step.GoalReached;
import io.itinera.runtime.step.StageChange;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Counts what happens during a replay of one journey and turns the counts into a {@link SimulationReport}. */
final class JourneyFigures {
	static final long DAY_MILLIS = 86_400_000L;
	/** The histogram's last bin holds this many messages a day or more. */
	static final int HISTOGRAM_TOP = 10;

	private final JourneyPlan plan;
	private final Map<String, Integer> stageIndex = new HashMap<>();
	private final long[] stageCustomers;
	private final long[] stageEntries;
	private final long[] stageExits;
	private final Map<String, Edge> edges = new LinkedHashMap<>();
	private final Map<String, RuleTally> rules = new LinkedHashMap<>();
	/** The declared rules by index, as the tracks' rule bits number them. */
	private final List<RuleTally> declaredRules = new ArrayList<>();
	/** "campaign NUL rule" → the plan's indexes of the attributes its condition reads; fixed once built (read from any thread). */
	private final Map<String, int[]> attributesReadByRule = new HashMap<>();
	private final ConversionTimes conversionTimes;
	private final long[] messageHistogram = new long[HISTOGRAM_TOP + 1];
	private final TreeMap<Long, long[]> days = new TreeMap<>();
	private final DeliveryFigures delivery;
	private final long[][] armCustomers;
	private final long[][] armConverted;
	private long visits;
	private long lastDay = Long.MIN_VALUE;
	private long[] lastDayCounts;
	private String lastCampaign;
	private String lastRule;
	private RuleTally lastTally;
	private long convertedVisits;
	private double revenue;
	private final RecommendationHits recommendationHits;
	private long customersEntered;
	private long customersConverted;
	/** Conversions after a message: slots 0… the declared rules, then each split's arms (null without a goal). */
	private final ConversionsAfterSend afterSend;
	/** Per split: its first slot in {@link #afterSend} (one per arm), and the campaigns of its arms. */
	private final int[] splitSlots;
	private final List<java.util.Set<String>> splitCampaigns = new ArrayList<>();

	JourneyFigures(JourneyPlan plan) {
		this.plan = plan;
		this.delivery = new DeliveryFigures(plan.name());
		this.recommendationHits = new RecommendationHits(plan);
		List<Stage> stages = plan.stages();
		for (int i = 0; i < stages.size(); i++) {
			stageIndex.put(stages.get(i).name(), i);
		}
		stageCustomers = new long[stages.size()];
		stageEntries = new long[stages.size()];
		stageExits = new long[stages.size()];
		declareEdges();
		for (Campaign campaign : plan.campaigns()) {
			for (CampaignRule rule : campaign.rules()) {
				RuleTally tally = new RuleTally(campaign.name(), rule.title(), declaredRules.size());
				tally.readsAttributes(ConditionNames.attributes(rule.condition()), plan);
				rules.put(ruleKey(campaign.name(), rule.title()), tally);
				attributesReadByRule.put(ruleKey(campaign.name(), rule.title()), tally.attributeIndexes);
				declaredRules.add(tally);
			}
		}
		conversionTimes = new ConversionTimes(stages.size());
		splitSlots = new int[plan.splits().size()];
		int slots = declaredRules.size();
		for (int s = 0; s < plan.splits().size(); s++) {
			splitSlots[s] = slots;
			slots += plan.splits().get(s).arms().size();
			java.util.Set<String> campaigns = new java.util.HashSet<>();
			for (Split.Arm arm : plan.splits().get(s).arms()) {
				if (!arm.holdout()) {
					campaigns.add(arm.campaign());
				}
			}
			splitCampaigns.add(campaigns);
		}
		afterSend = plan.goal() == null ? null : new ConversionsAfterSend(plan.goal().attributionMillis(), slots);
		armCustomers = new long[plan.splits().size()][];
		armConverted = new long[plan.splits().size()][];
		for (int i = 0; i < plan.splits().size(); i++) {
			armCustomers[i] = new long[plan.splits().get(i).arms().size()];
			armConverted[i] = new long[plan.splits().get(i).arms().size()];
		}
	}

	/** A customer's track, sized for this journey's splits and rules. */
	CustomerTrack track(String customerId) {
		return new CustomerTrack(customerId, plan.splits().size(), declaredRules.size());
	}

	private void declareEdges() {
		if (plan.entry() != null && plan.entryStage() != null) {
			String entry = "entry on " + plan.entry().trigger();
			edge(null, plan.entryStage(), entry,
					plan.entry().condition() == null ? entry : entry + " if " + ExprText.of(plan.entry().condition()), true);
		}
		for (Stage stage : plan.stages()) {
			for (Transition transition : stage.transitions()) {
				edge(stage.name(), transition.target(), TransitionLabels.of(transition), TransitionLabels.full(transition),
						true);
			}
		}
	}

	private Edge edge(String from, String to, String label, String condition, boolean declared) {
		String key = edgeKey(from, to);
		Edge edge = edges.get(key);
		if (edge == null) {
			edge = new Edge(from, to, edges.size(), label, condition, declared);
			edges.put(key, edge);
		} else if (label != null && !edge.label.contains(label)) {
			edge.label = edge.label + " · " + label;
			edge.condition = edge.condition + " · " + condition;
		}
		return edge;
	}

	private static String edgeKey(String from, String to) {
		return (from == null ? "" : from) + '\u0000' + (to == null ? "" : to);
	}

	static String ruleKey(String campaign, String rule) {
		return campaign + '\u0000' + rule;
	}

	void stageChange(CustomerTrack track, StageChange change) {
		Edge edge = edges.get(edgeKey(change.from(), change.to()));
		if (edge == null) {
			String label = change.to() == null ? "exit" : change.cause();
			edge = edge(change.from(), change.to(), label, change.to() == null ? "exit (" + change.cause() + ")" : label,
					false);
		}
		edge.times++;
		if (edge.index < 64) {
			long bit = 1L << edge.index;
			if ((track.edgesTaken & bit) == 0) {
				track.edgesTaken |= bit;
				edge.customers++;
			}
		} else {
			edge.customers++;
		}
		if (change.from() != null) {
			Integer from = stageIndex.get(change.from());
			if (from != null) {
				stageExits[from]++;
			}
		}
		if (change.to() != null) {
			Integer to = stageIndex.get(change.to());
			if (to != null) {
				stageEntries[to]++;
				if (to >= 64 || (track.stagesEntered & (1L << to)) == 0) {
					if (to < 64) {
						track.stagesEntered |= 1L << to;
					}
					stageCustomers[to]++;
				}
				if (track.stageEnteredInVisit != null && to < track.stageEnteredInVisit.length
						&& track.stageEnteredInVisit[to] == CustomerTrack.NEVER) {
					track.stageEnteredInVisit[to] = change.at();
				}
				long[] day = day(change.at());
				day[1]++;
				day[2 + to]++;
			}
		}
	}

	void visitStarted(CustomerTrack track, long at) {
		if (track.visitStart == CustomerTrack.NEVER) {
			customersEntered++;
		}
		visits++;
		track.visitStart = at;
		track.visitConverted = false;
		if (track.stageEnteredInVisit == null) {
			track.stageEnteredInVisit = new long[stageEntries.length];
		}
		java.util.Arrays.fill(track.stageEnteredInVisit, CustomerTrack.NEVER);
	}

	/**
	 * The goal of the customer's visit: counted for the visit, the customer, the rules that reached
	 * them at an earlier step, their split arms, and the time since each stage of the visit.
	 */
	void goalReached(CustomerTrack track, GoalReached goal) {
		revenue += goal.value();
		conversionTimes.converted(track.stageEnteredInVisit, goal.at());
		for (int word = 0; word < track.rulesReached.length; word++) {
			long reached = track.rulesReached[word];
			while (reached != 0) {
				int r = word * 64 + Long.numberOfTrailingZeros(reached);
				reached &= reached - 1;
				RuleTally tally = declaredRules.get(r);
				tally.revenue += goal.value();
				if (CustomerTrack.set(track.rulesConverted, r)) {
					tally.converted++;
				}
			}
		}
		for (int s = 0; s < track.splitArms.length; s++) {
			if (track.splitArms[s] >= 0) {
				track.splitRevenue[s] += goal.value();
			}
		}
		convertedVisits++;
		track.visitConverted = true;
		if (!track.everConverted) {
			track.everConverted = true;
			customersConverted++;
		}
		for (int s = 0; s < track.splitArms.length && s < 64; s++) {
			int arm = track.splitArms[s];
			if (arm >= 0 && (track.splitsConverted & (1L << s)) == 0) {
				track.splitsConverted |= 1L << s;
				armConverted[s][arm]++;
			}
		}
	}

	/**
	 * An event that meets the goal (in the journey or not): a conversion after each message of the
	 * customer's rules and split arms that came before it, within the window.
	 */
	void goalEvent(CustomerTrack track, GoalEvent goal) {
		if (afterSend != null) {
			afterSend.goalEvent(track, goal.at());
		}
	}

	/** A message to a customer in a split's arm: of the split's campaigns, sent, or withheld from the holdout. */
	private void splitMessage(CustomerTrack track, String campaign, long at) {
		for (int s = 0; s < splitSlots.length; s++) {
			if (track.splitArms[s] >= 0 && splitCampaigns.get(s).contains(campaign)) {
				afterSend.sent(track, splitSlots[s] + track.splitArms[s], at);
			}
		}
	}

	/** What a split's campaign would have sent a holdout customer: their arm's message, for conversions after it. */
	void withheldFromHoldout(CustomerTrack track, DeliveryNotice notice) {
		if (afterSend != null) {
			splitMessage(track, notice.campaign(), notice.at());
		}
	}

	void assignedToArm(CustomerTrack track, int split, int arm) {
		track.splitArms[split] = (byte) arm;
		armCustomers[split][arm]++;
	}

	/** An action the step fired; {@code state}: the journey's state of the customer after the step, as its rules saw it. */
	void action(CustomerTrack track, ActionRecord action, CustomerState state) {
		action(track, action, readsMissingAttribute(action, state));
	}

	/**
	 * Whether the action's rule reads an attribute the customer's {@code state} lacks: read where the
	 * state is current (it changes with the customer's next steps); safe beside {@link #action} on another thread.
	 */
	boolean readsMissingAttribute(ActionRecord action, CustomerState state) {
		int[] attributes = attributesReadByRule.get(ruleKey(action.campaign(), action.rule()));
		return attributes != null && RuleTally.readsMissing(attributes, state);
	}

	/** An action the step fired; {@code readsMissingAttribute}: as {@link #readsMissingAttribute} said. */
	void action(CustomerTrack track, ActionRecord action, boolean readsMissingAttribute) {
		RuleTally tally = tally(action.campaign(), action.rule());
		tally.counts[0]++;
		if (readsMissingAttribute) {
			tally.firedOnMissingAttribute++;
		}
		if (tally.index >= 0 && CustomerTrack.set(track.rulesReached, tally.index)) {
			tally.reached++;
		}
		if (afterSend != null) {
			if (tally.index >= 0) {
				afterSend.sent(track, tally.index, action.at());
			}
			splitMessage(track, action.campaign(), action.at());
		}
		recommendationHits.sent(track, action);
		delivery.sent(track, action);
		day(action.at())[0]++;
		if ("send".equals(action.kind())) {
			long day = Math.floorDiv(action.at(), DAY_MILLIS);
			if (day != track.messageDay) {
				closeMessageDay(track);
				track.messageDay = day;
			}
			track.messagesThatDay++;
		}
	}

	/** Whether {@link #event} counts anything: only a journey that recommends items looks at its customers' events. */
	boolean countsEvents() {
		return recommendationHits.tracksAny();
	}

	/** A customer's event: does it name an item recommended to them? */
	void event(CustomerTrack track, io.itinera.runtime.step.Event event) {
		recommendationHits.event(track, event);
	}

	/**
	 * A rule decided a message that a cap suppressed, quiet hours held back, or that was dropped at
	 * the end of the quiet hours (the customer had left the campaign's stages).
	 */
	void withheld(String campaign, String rule, Withheld reason) {
		tally(campaign, rule).counts[reason.ordinal() + 1]++;
	}

	/** Any message not simply sent when decided, per channel and reason. */
	void notice(DeliveryNotice notice) {
		delivery.notice(notice);
	}

	/** The counters of one rule; the last one used is kept, as a customer's actions often repeat a rule. */
	private RuleTally tally(String campaign, String rule) {
		if (campaign.equals(lastCampaign) && rule.equals(lastRule)) {
			return lastTally;
		}
		lastTally = rules.computeIfAbsent(ruleKey(campaign, rule), k -> new RuleTally(campaign, rule, -1));
		lastCampaign = campaign;
		lastRule = rule;
		return lastTally;
	}

	enum Withheld {
		CAP, QUIET_HOURS, DROPPED
	}

	private void closeMessageDay(CustomerTrack track) {
		if (track.messagesThatDay > 0) {
			messageHistogram[Math.min(track.messagesThatDay, HISTOGRAM_TOP)]++;
		}
		track.messagesThatDay = 0;
	}

	private long[] day(long at) {
		long day = Math.floorDiv(at, DAY_MILLIS);
		if (day == lastDay) {
			return lastDayCounts;
		}
		lastDay = day;
		lastDayCounts = days.computeIfAbsent(day, d -> new long[2 + stageEntries.length]);
		return lastDayCounts;
	}

	SimulationReport report(Collection<CustomerTrack> tracks, SimulationReport.Window window,
			SimulationReport.Input input) {
		for (CustomerTrack track : tracks) {
			closeMessageDay(track);
			track.messageDay = CustomerTrack.NEVER;
			delivery.closeWeek(track);
			track.messageWeek = CustomerTrack.NEVER;
		}
		return new SimulationReport(plan.name(), plan.title(), window, input, stageFigures(), transitionFigures(),
				funnel(tracks), goalFigures(), campaignFigures(), histogram(), splitFigures(tracks), dayFigures(),
				delivery.channels(), delivery.weeks(), List.of(), null);
	}

	private List<StageFigures> stageFigures() {
		List<StageFigures> result = new ArrayList<>();
		for (int i = 0; i < plan.stages().size(); i++) {
			Stage stage = plan.stages().get(i);
			result.add(new StageFigures(stage.name(), stage.phase(), stageCustomers[i], stageEntries[i],
					stageExits[i], stageEntries[i] - stageExits[i], stage.terminal()));
		}
		return result;
	}

	List<TransitionFigures> transitionFigures() {
		List<TransitionFigures> result = new ArrayList<>();
		for (Edge edge : edges.values()) {
			Integer from = edge.from == null ? null : stageIndex.get(edge.from);
			long source = edge.from == null ? customersEntered : from == null ? 0 : stageCustomers[from];
			result.add(new TransitionFigures(edge.from, edge.to, edge.label, edge.condition, edge.customers, edge.times,
					share(edge.customers, source), edge.declared));
		}
		return result;
	}

	/** Customers who reached a stage of each of the journey's phases, in the declared order; stages without a phase stay out. */
	private List<PhaseFigures> funnel(Collection<CustomerTrack> tracks) {
		List<String> phaseOrder = plan.phases();
		int[] stagePhase = new int[Math.min(plan.stages().size(), 64)];
		for (int i = 0; i < stagePhase.length; i++) {
			String phase = plan.stages().get(i).phase();
			stagePhase[i] = phase == null ? -1 : phaseOrder.indexOf(phase);
		}
		long[] reached = new long[phaseOrder.size()];
		java.util.BitSet phases = new java.util.BitSet(phaseOrder.size());
		for (CustomerTrack track : tracks) {
			phases.clear();
			for (int i = 0; i < stagePhase.length; i++) {
				if (stagePhase[i] >= 0 && (track.stagesEntered & (1L << i)) != 0) {
					phases.set(stagePhase[i]);
				}
			}
			for (int p = phases.nextSetBit(0); p >= 0; p = phases.nextSetBit(p + 1)) {
				reached[p]++;
			}
		}
		List<PhaseFigures> result = new ArrayList<>();
		for (int p = 0; p < phaseOrder.size(); p++) {
			result.add(new PhaseFigures(phaseOrder.get(p), reached[p], share(reached[p], customersEntered)));
		}
		return result;
	}

	private GoalFigures goalFigures() {
		if (plan.goal() == null) {
			return null;
		}
		List<String> stageNames = plan.stages().stream().map(Stage::name).toList();
		return new GoalFigures(plan.goal().event(), plan.goal().windowMillis(), plan.goal().valueField(), visits,
				convertedVisits, share(convertedVisits, visits), customersEntered, customersConverted, revenue,
				conversionTimes.figures(stageNames), plan.goal().attributionMillis());
	}

	private List<CampaignFigures> campaignFigures() {
		Map<String, List<RuleFigures>> byCampaign = new LinkedHashMap<>();
		for (Campaign campaign : plan.campaigns()) {
			byCampaign.put(campaign.name(), new ArrayList<>());
		}
		for (RuleTally tally : rules.values()) {
			long[] counts = tally.counts;
			long[] hits = recommendationHits.counts(ruleKey(tally.campaign, tally.rule));
			long afterSendConverted = afterSend == null || tally.index < 0 ? 0 : afterSend.converted(tally.index);
			byCampaign.computeIfAbsent(tally.campaign, k -> new ArrayList<>())
					.add(new RuleFigures(tally.rule, counts[0], counts[1], counts[2], counts[3], tally.reached,
							tally.converted, share(tally.converted, tally.reached), tally.revenue, hits == null ? 0 : hits[0],
							hits == null ? 0 : hits[1], hits == null ? Double.NaN : share(hits[1], hits[0]), afterSendConverted,
							share(afterSendConverted, tally.reached), tally.attributesRead, tally.firedOnMissingAttribute));
		}
		List<CampaignFigures> result = new ArrayList<>();
		byCampaign.forEach((name, rules) -> {
			long fired = 0;
			long capped = 0;
			long quiet = 0;
			long dropped = 0;
			for (RuleFigures rule : rules) {
				fired += rule.fired();
				capped += rule.capped();
				quiet += rule.quietHeld();
				dropped += rule.droppedAfterHold();
			}
			result.add(new CampaignFigures(name, fired, capped, quiet, dropped, List.copyOf(rules)));
		});
		return result;
	}

	private List<HistogramBin> histogram() {
		List<HistogramBin> result = new ArrayList<>();
		for (int messages = 1; messages <= HISTOGRAM_TOP; messages++) {
			result.add(new HistogramBin(messages, messages == HISTOGRAM_TOP, messageHistogram[messages]));
		}
		return result;
	}

	private List<SplitFigures> splitFigures(Collection<CustomerTrack> tracks) {
		int splitCount = plan.splits().size();
		double[][] armRevenue = new double[splitCount][];
		double[][] armSquares = new double[splitCount][];
		for (int s = 0; s < splitCount; s++) {
			armRevenue[s] = new double[armCustomers[s].length];
			armSquares[s] = new double[armCustomers[s].length];
		}
		for (CustomerTrack track : tracks) {
			for (int s = 0; s < splitCount; s++) {
				int arm = track.splitArms[s];
				if (arm >= 0) {
					armRevenue[s][arm] += track.splitRevenue[s];
					armSquares[s][arm] += track.splitRevenue[s] * track.splitRevenue[s];
				}
			}
		}
		List<SplitFigures> result = new ArrayList<>();
		for (int s = 0; s < splitCount; s++) {
			Split split = plan.splits().get(s);
			int holdout = -1;
			for (int a = 0; a < split.arms().size(); a++) {
				if (split.arms().get(a).holdout()) {
					holdout = a;
				}
			}
			List<ArmFigures> arms = new ArrayList<>();
			for (int a = 0; a < split.arms().size(); a++) {
				Split.Arm arm = split.arms().get(a);
				boolean compared = holdout >= 0 && a != holdout;
				ProportionDifference lift = !compared ? null
						: ProportionDifference.of(armConverted[s][a], armCustomers[s][a], armConverted[s][holdout],
								armCustomers[s][holdout]);
				MeanDifference revenueLift = !compared ? null
						: MeanDifference.of(armCustomers[s][a], armRevenue[s][a], armSquares[s][a],
								armCustomers[s][holdout], armRevenue[s][holdout], armSquares[s][holdout]);
				long messaged = afterSend == null ? 0 : afterSend.sent(splitSlots[s] + a);
				long afterSendConverted = afterSend == null ? 0 : afterSend.converted(splitSlots[s] + a);
				arms.add(new ArmFigures(arm.label(), arm.holdout(), arm.percent(), armCustomers[s][a],
						armConverted[s][a], share(armConverted[s][a], armCustomers[s][a]), lift, armRevenue[s][a],
						armCustomers[s][a] == 0 ? 0 : armRevenue[s][a] / armCustomers[s][a], revenueLift, messaged,
						afterSendConverted, share(afterSendConverted, messaged)));
			}
			result.add(new SplitFigures(split.name(), split.stage(), ProportionDifference.METHOD, MeanDifference.METHOD,
					arms));
		}
		return result;
	}

	/** Every day from the first to the last with activity, quiet days included (as zeros). */
	private List<DayFigures> dayFigures() {
		List<DayFigures> result = new ArrayList<>();
		if (days.isEmpty()) {
			return result;
		}
		long last = days.lastKey();
		if (last - days.firstKey() <= 3660) {
			for (long day = days.firstKey(); day < last; day++) {
				days.computeIfAbsent(day, d -> new long[2 + stageEntries.length]);
			}
		}
		days.forEach((day, counts) -> {
			Map<String, Long> byStage = new LinkedHashMap<>();
			for (int i = 0; i < plan.stages().size(); i++) {
				byStage.put(plan.stages().get(i).name(), counts[2 + i]);
			}
			result.add(new DayFigures(LocalDate.ofEpochDay(day).toString(), counts[0], counts[1], byStage));
		});
		return result;
	}

	static double share(long part, long whole) {
		return whole == 0 ? 0 : (double) part / whole;
	}

	static String instant(long at) {
		return Instant.ofEpochMilli(at).toString();
	}

	private static final class Edge {
		final String from;
		final String to;
		final int index;
		final boolean declared;
		String label;
		String condition;
		long customers;
		long times;

		Edge(String from, String to, int index, String label, String condition, boolean declared) {
			this.from = from;
			this.to = to;
			this.index = index;
			this.label = label == null ? "" : label;
			this.condition = condition == null ? this.label : condition;
			this.declared = declared;
		}
	}

	/** One rule's counters: fired, capped, held, dropped; and the customers it reached, converted, their revenue. */
	private static final class RuleTally {
		final String campaign;
		final String rule;
		/** The rule's bit in the tracks; -1 for a rule the plan does not declare. */
		final int index;
		final long[] counts = new long[4];
		long reached;
		long converted;
		double revenue;
		List<String> attributesRead = List.of();
		/** The plan's indexes of {@link #attributesRead}. */
		int[] attributeIndexes = new int[0];
		long firedOnMissingAttribute;

		RuleTally(String campaign, String rule, int index) {
			this.campaign = campaign;
			this.rule = rule;
			this.index = index;
		}

		void readsAttributes(List<String> names, JourneyPlan plan) {
			List<String> declared = plan.attributes().stream().map(Attribute::name).toList();
			attributesRead = names;
			attributeIndexes = names.stream().mapToInt(declared::indexOf).filter(i -> i >= 0).toArray();
		}

		static boolean readsMissing(int[] attributeIndexes, CustomerState state) {
			for (int attribute : attributeIndexes) {
				if (state == null || state.attribute(attribute) == null) {
					return true;
				}
			}
			return false;
		}
	}
}
