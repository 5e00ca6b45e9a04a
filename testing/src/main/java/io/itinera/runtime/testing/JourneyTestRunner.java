package io.itinera.runtime.testing;

import io.itinera.runtime.assembly.AssembledJourney;
import io.itinera.runtime.assembly.RuntimeAssembly;
import io.itinera.runtime.delivery.DeliverySettings;
import io.itinera.runtime.delivery.SplitWeights;
import io.itinera.runtime.step.KeptSplitArms;
import io.itinera.runtime.plan.Attribute;
import io.itinera.runtime.plan.EventType;
import io.itinera.runtime.plan.Expr;
import io.itinera.runtime.plan.FieldDecl;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.Split;
import io.itinera.runtime.plan.TestCase;
import io.itinera.runtime.scoring.Recommendation;
import io.itinera.runtime.plan.ValueType;
import io.itinera.runtime.rules.CampaignRules;
import io.itinera.runtime.step.ActionRecord;
import io.itinera.runtime.step.CustomerState;
import io.itinera.runtime.step.Event;
import io.itinera.runtime.step.CustomerSeeder;
import io.itinera.runtime.step.CustomerStateReader;
import io.itinera.runtime.step.PlanStep;
import io.itinera.runtime.step.SingleJourneyStep;
import io.itinera.runtime.step.WorkspaceState;
import io.itinera.runtime.step.StepResult;
import io.itinera.runtime.step.DeliveryNotice;
import io.itinera.runtime.step.GoalReached;
import io.itinera.runtime.step.JourneyStep;
import io.itinera.runtime.workspace.WorkspaceStep;
import io.itinera.runtime.delivery.DeliveryOutcome;
import java.time.Instant;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs a journey's own tests through the real step function and rules, as a small host would. The
 * customer is placed in the given stage (its timers set as on entry; or, without a stage, outside
 * the journey) with the given attributes, feature values and scores, on a fixed day at the given
 * time of day (noon when none) or at the first {@code at DATE TIME}, in their {@code timezone}
 * (UTC when none), in the tested arm of every split (the first campaign arm; the holdout for a
 * holdout customer). If the test begins with expectations the stage's campaign rules run as on
 * entering it. Then each step in order: an event is handled by the step function at the current
 * time; {@code after D} / {@code at …} move the time on. The customer goes through a {@link StepHarness},
 * the driver every host runs: timers (stage timers, campaign schedules, quiet-hours releases) fire in
 * its one order (due time, then id) whenever the time moves past them and before an event at or after
 * their due time, as in {@code run}, {@code simulate} and the Flink job. Expectations read what happened
 * since the previous expectations (or the start), and the stage the customer is in now.
 *
 * <p>A workspace's tests run the same way through the {@link WorkspaceStep}: every journey of the
 * folder, its shared caps, quiet hours and priority. The customer starts outside every journey
 * (attributes set in each journey that declares them), the clock shows the workspace's {@code zone}
 * unless the customer has a {@code timezone}, and an expectation naming a journey
 * ({@link TestCase.InJourney}) reads that journey's messages, notices, goals and stage.
 */
public final class JourneyTestRunner {
	/** A Monday; tests do not depend on the date, only on the time of day. */
	private static final LocalDate TEST_DAY = LocalDate.of(2024, 1, 15);
	private static final int NOON = 12 * 60;
	private static final int CUSTOMER_SEARCH_LIMIT = 100_000;

	/** The journey, or the workspace's journeys in priority order (the order of a composite state's parts). */
	private final List<SingleJourneyStep> journeys;
	/** Per journey, in the same order: what gives the customer a test's attributes (and, for one journey, its features, scores and stage). */
	private final List<CustomerSeeder> seeders;
	/** What the customer goes through: the journey's own step, or the workspace's. */
	private final JourneyStep step;
	private final boolean workspace;
	private final List<TestCase> tests;
	/** The clock's zone for a customer without a {@code timezone} attribute: UTC, or the workspace's {@code zone}. */
	private final ZoneId defaultZone;
	/** Where a test's {@code given arm weights} go to the journey's step (null for a workspace). */
	private final SplitWeights.Board splitWeights;

	public JourneyTestRunner(JourneyPlan plan, CampaignRules rules) {
		this(new AssembledJourney(plan, rules, RuntimeAssembly.noScores(), DeliverySettings.DEFAULT));
	}

	/** The journey's own tests, through its step as the assembly builds it for every host. */
	public JourneyTestRunner(AssembledJourney assembled) {
		PlanStep journey = assembled.newStep();
		this.journeys = List.of(journey);
		this.seeders = List.of(new CustomerSeeder(journey));
		this.step = journey;
		this.workspace = false;
		this.tests = assembled.plan().tests();
		this.defaultZone = ZoneOffset.UTC;
		this.splitWeights = assembled.splitWeights();
	}

	/** A workspace's tests ({@code WorkspaceTests}) through all its journeys at once. */
	public JourneyTestRunner(WorkspaceStep workspace, List<TestCase> tests) {
		this.journeys = workspace.journeys();
		// a workspace's tests give attributes only, which need each journey's layout, not its rules
		this.seeders = journeys.stream().map(journey -> new CustomerSeeder(new PlanStep(journey.plan(), CampaignRules.NONE))).toList();
		this.step = workspace;
		this.workspace = true;
		this.tests = List.copyOf(tests);
		this.defaultZone = workspace.zone();
		this.splitWeights = null;
	}

	private static Recommendation recommendation(Expr.ItemsLit given) {
		float[] scores = new float[given.items().size()];
		for (int i = 0; i < scores.length; i++) {
			scores[i] = i < given.scores().size() ? given.scores().get(i).floatValue() : Float.NaN;
		}
		return new Recommendation(given.items(), scores);
	}

	public List<JourneyTestResult> runAll() {
		List<JourneyTestResult> results = new ArrayList<>();
		for (TestCase test : tests) {
			results.add(run(test));
		}
		return results;
	}

	public JourneyTestResult run(TestCase test) {
		Map<String, Object> attributes = new HashMap<>();
		for (TestCase.Given given : test.givens()) {
			if (given.kind() == TestCase.SymbolKind.ATTRIBUTE) {
				attributes.put(given.name(), attributeValue(given.name(), given.value()));
			}
		}
		String customerId = customerInArms(test);
		if (splitWeights != null) {
			splitWeights.publish(givenWeights(test));
		}
		ZoneId zone = zoneOf(attributes.get("timezone"), defaultZone);
		List<TestCase.Step> steps = steps(test);
		long at = TEST_DAY.atTime(LocalTime.NOON).atZone(zone).toInstant().toEpochMilli();
		if (!steps.isEmpty() && steps.get(0) instanceof TestCase.At first) {
			at = moment(first, TEST_DAY.atStartOfDay(zone).toInstant().toEpochMilli(), zone);
			steps = steps.subList(1, steps.size());
		}
		StepHarness harness = StepHarness.of(step);
		CustomerState state = harness.state(customerId);
		for (Map.Entry<String, Object> attribute : attributes.entrySet()) {
			for (int j = 0; j < journeys.size(); j++) {
				if (declaredType(journeys.get(j).plan(), attribute.getKey()) != null || !workspace) {
					seeders.get(j).setAttribute(part(state, j), attribute.getKey(), attribute.getValue());
				}
			}
		}
		CustomerSeeder journey = seeders.get(0); // features, scores and stages are given in a journey's own tests only
		for (TestCase.Given given : test.givens()) {
			if (given.kind() == TestCase.SymbolKind.FEATURE) {
				journey.seedFeature(state, given.name(), typed(null, given.value()), at);
			} else if (given.kind() == TestCase.SymbolKind.SCORE) {
				journey.setScore(state, given.name(), number(given.value()));
			} else if (given.kind() == TestCase.SymbolKind.RECOMMENDATIONS && given.value() instanceof Expr.ItemsLit items) {
				journey.setRecommendation(state, given.name(), recommendation(items));
			}
		}
		Run run = new Run(customerId, harness, at);
		List<String> unmet = new ArrayList<>();
		try {
			runSteps(test, steps, run, zone, unmet);
		} catch (RuntimeException e) {
			// The step failed (a rule that cannot be evaluated): one line, never a stack trace.
			unmet.add("line " + run.line + ": " + oneLine(e));
		}
		boolean multiStep = !test.steps().isEmpty();
		return new JourneyTestResult(test, unmet, multiStep ? run.all.actions : run.window.actions, stageWords(run.state()),
				multiStep ? run.all.notices : run.window.notices);
	}

	private static int lineOf(TestCase.Step step, int otherwise) {
		io.itinera.runtime.plan.SourceLocation location = step instanceof TestCase.At at ? at.location()
				: step instanceof TestCase.After after ? after.location()
				: step instanceof TestCase.On on ? on.event().location()
				: step instanceof TestCase.Expect expect ? expect.expectation().location() : null;
		return location == null || location.line() <= 0 ? otherwise : location.line();
	}

	private static String oneLine(RuntimeException error) {
		String text = error instanceof io.itinera.runtime.rules.RuleEvaluationException ? error.getMessage() : error.toString();
		int newline = text.indexOf('\n');
		return newline < 0 ? text : text.substring(0, newline);
	}

	private void runSteps(TestCase test, List<TestCase.Step> steps, Run run, ZoneId zone, List<String> unmet) {
		String customerId = run.customerId;
		run.line = test.location().line();
		CustomerSeeder journey = seeders.get(0); // stages are given in a journey's own tests only
		if (test.stage() != null) {
			run.take(journey.placeInStage(run.state(), test.stage(), run.now));
			run.window.clear();
			if (!steps.isEmpty() && steps.get(0) instanceof TestCase.Expect) {
				run.take(journey.runRulesAsOnEntry(run.state(), run.now));
			}
		}
		boolean multiStep = !test.steps().isEmpty();
		boolean expected = false;
		for (TestCase.Step next : steps) {
			run.line = lineOf(next, run.line);
			if (next instanceof TestCase.Expect expect) {
				String failure = check(expect.expectation(), run.window, run.state(), zone);
				if (failure != null) {
					unmet.add(multiStep ? "line " + expect.expectation().location().line() + ": " + failure + " (but "
							+ JourneyTestResult.actual(run.window.actions, run.window.notices, stageWords(run.state())) + ")" : failure);
				}
				expected = true;
				continue;
			}
			if (expected) {
				run.window.clear();
				expected = false;
			}
			if (next instanceof TestCase.After after) {
				run.advanceTo(run.now + after.millis());
			} else if (next instanceof TestCase.At moment) {
				long to = moment(moment, run.now, zone);
				if (to < run.now) {
					unmet.add("line " + moment.location().line() + ": time only moves forward, but " + describe(moment)
							+ " is before the test's time " + Instant.ofEpochMilli(run.now).atZone(zone).toLocalDateTime());
					break;
				}
				run.advanceTo(to);
			} else if (next instanceof TestCase.On on) {
				run.event(new Event(customerId, run.now, on.event().event(), fields(on.event())));
			}
		}
	}

	/** The journey's {@code j}-th part of the state (the state itself for one journey). */
	private CustomerState part(CustomerState state, int j) {
		return workspace ? ((WorkspaceState) state).part(j) : state;
	}

	/** The stage the customer is in; in a workspace, {@code Journey.Stage} for each journey they are in (null: none). */
	private String stageWords(CustomerState state) {
		if (!workspace) {
			return state.stage();
		}
		List<String> stages = new ArrayList<>();
		for (int j = 0; j < journeys.size(); j++) {
			if (part(state, j).stage() != null) {
				stages.add(journeys.get(j).plan().name() + "." + part(state, j).stage());
			}
		}
		return stages.isEmpty() ? null : String.join(", ", stages);
	}

	/** The test as one list of steps: its first time of day, event and expectations, then the rest. */
	private static List<TestCase.Step> steps(TestCase test) {
		List<TestCase.Step> steps = new ArrayList<>();
		if (test.timeOfDayMinute() != null) {
			steps.add(new TestCase.At(null, test.timeOfDayMinute(), test.location()));
		}
		if (test.event() != null) {
			steps.add(new TestCase.On(test.event()));
		}
		for (TestCase.Expectation expectation : test.expectations()) {
			steps.add(new TestCase.Expect(expectation));
		}
		steps.addAll(test.steps());
		return steps;
	}

	/** What happened to the customer over some steps. */
	private static final class Window {
		final List<ActionRecord> actions = new ArrayList<>();
		final List<DeliveryNotice> notices = new ArrayList<>();
		final List<GoalReached> goals = new ArrayList<>();

		/** What of it came from {@code journey}. */
		Window of(String journey) {
			Window only = new Window();
			actions.stream().filter(a -> journey.equals(a.journey())).forEach(only.actions::add);
			notices.stream().filter(n -> journey.equals(n.journey())).forEach(only.notices::add);
			goals.stream().filter(g -> journey.equals(g.journey())).forEach(only.goals::add);
			return only;
		}

		void add(StepResult result) {
			actions.addAll(result.actions());
			notices.addAll(result.deliveryNotices());
			goals.addAll(result.goalsReached());
		}

		void clear() {
			actions.clear();
			notices.clear();
			goals.clear();
		}
	}

	/** The test's clock, and what the harness did since it was last read. */
	private static final class Run {
		final String customerId;
		final StepHarness harness;
		long now;
		/** The line of the test step being run, for a failure. */
		int line;
		final Window window = new Window();
		final Window all = new Window();

		Run(String customerId, StepHarness harness, long now) {
			this.customerId = customerId;
			this.harness = harness;
			this.now = now;
		}

		CustomerState state() {
			return harness.state(customerId);
		}

		/** A change the test makes outside the step function (placing the customer in a stage). */
		void take(StepResult result) {
			harness.take(customerId, result);
			collect();
		}

		/** An event now; the timers due by now fire first. */
		void event(Event event) {
			try {
				harness.event(event);
			} finally {
				collect();
			}
		}

		/** Fires every timer due at or before {@code to}, then sets the clock to it. */
		void advanceTo(long to) {
			try {
				harness.advanceTo(to);
			} finally {
				collect();
			}
			now = Math.max(now, to);
		}

		private void collect() {
			for (StepHarness.Applied applied : harness.takeApplied()) {
				window.add(applied.result());
				all.add(applied.result());
			}
		}
	}

	private static int minuteOfDay(long at, ZoneId zone) {
		java.time.ZonedDateTime local = java.time.Instant.ofEpochMilli(at).atZone(zone);
		return local.getHour() * 60 + local.getMinute();
	}

	/** Null when it holds, else the expectation in words. */
	private String check(TestCase.Expectation expectation, Window window, CustomerState state, ZoneId zone) {
		if (expectation instanceof TestCase.InJourney in) {
			CustomerState part = state instanceof WorkspaceState workspaceState ? workspaceState.part(in.journey()) : null;
			return check(in.expectation(), window.of(in.journey()), part == null ? state : part, in.journey(), zone);
		}
		if (expectation instanceof TestCase.ExpectArm arm) {
			return checkArm(arm, state);
		}
		return check(expectation, window, state, null, zone);
	}

	/** As above, over what came from {@code journey} when it is named (a workspace's test), and said so. */
	private static String check(TestCase.Expectation expectation, Window window, CustomerState state, String journey, ZoneId zone) {
		String from = journey == null ? "" : " from " + journey;
		List<ActionRecord> actions = window.actions;
		if (expectation instanceof TestCase.ExpectSend send) {
			String channel = send.channel().name().toLowerCase(Locale.ROOT);
			Integer minute = send.atMinute();
			boolean sent = actions.stream().anyMatch(a -> a.kind().equals("send") && channel.equalsIgnoreCase(a.channel())
					&& a.target().equals(send.template()) && (minute == null || minuteOfDay(a.at(), zone) == minute)
					&& a.params().entrySet().containsAll(send.params().entrySet()));
			String words = "send " + (minute == null ? "" : String.format(Locale.ROOT, "at %02d:%02d ", minute / 60, minute % 60))
					+ channel + " \"" + send.template() + "\"" + expectedParams(send.params()) + from;
			return sent == !send.negated() ? null : send.negated() ? "no " + words : words;
		}
		if (expectation instanceof TestCase.ExpectDelivery delivery) {
			String channel = delivery.channel().name().toLowerCase(Locale.ROOT);
			boolean happened = window.notices.stream().anyMatch(n -> outcomeMatches(delivery.delivery(), n)
					&& channel.equalsIgnoreCase(n.channel()) && n.target().equals(delivery.template()));
			String words = deliveryWords(delivery.delivery(), channel + " \"" + delivery.template() + "\"" + from);
			return happened == !delivery.negated() ? null : delivery.negated() ? "no " + words : words;
		}
		if (expectation instanceof TestCase.ExpectGoal goal) {
			boolean reached = !window.goals.isEmpty();
			return reached == !goal.negated() ? null : (goal.negated() ? "no goal" : "goal reached") + from;
		}
		if (expectation instanceof TestCase.ExpectTag tag) {
			boolean tagged = actions.stream().anyMatch(a -> a.kind().equals("tag") && a.target().equals(tag.tag()));
			String words = "tag \"" + tag.tag() + "\"" + from;
			return tagged == !tag.negated() ? null : tag.negated() ? "no " + words : words;
		}
		if (expectation instanceof TestCase.ExpectStage expected) {
			return expected.stage().equals(state.stage()) ? null
					: "stage " + (journey == null ? "" : journey + ".") + expected.stage();
		}
		return actions.isEmpty() ? null : "nothing sent" + from;
	}

	/** {@code  with coupon = "SAVE10"}, in name order; empty without params. */
	private static String expectedParams(Map<String, String> params) {
		return params.isEmpty() ? "" : " with " + new java.util.TreeMap<>(params).entrySet().stream()
				.map(p -> p.getKey() + " = \"" + p.getValue() + "\"").collect(java.util.stream.Collectors.joining(", "));
	}

	private static boolean outcomeMatches(TestCase.Delivery expected, DeliveryNotice notice) {
		return switch (expected) {
			case CAPPED -> notice.outcome() == DeliveryOutcome.SUPPRESSED_BY_CAP;
			case CAPPED_BY_WORKSPACE -> notice.outcome() == DeliveryOutcome.SUPPRESSED_BY_CAP && notice.cap() != null
					&& notice.cap().startsWith("workspace ");
			case HELD -> notice.outcome() == DeliveryOutcome.HELD_BY_QUIET_HOURS || notice.outcome() == DeliveryOutcome.HELD_FOR_BEST_HOUR;
			case LOST_TO_PRIORITY -> notice.outcome() == DeliveryOutcome.LOST_TO_PRIORITY;
			case HELD_BY_PRIORITY -> notice.outcome() == DeliveryOutcome.HELD_BY_PRIORITY;
			case NOT_SUBSCRIBED -> notice.outcome() == DeliveryOutcome.NOT_SUBSCRIBED;
		};
	}

	/** "capped email \"x\"", "not sent email \"x\" lost to priority", … as the test says it. */
	private static String deliveryWords(TestCase.Delivery delivery, String message) {
		return switch (delivery) {
			case CAPPED -> "capped " + message;
			case HELD -> "held " + message;
			case CAPPED_BY_WORKSPACE -> "not sent " + message + " suppressed by workspace cap";
			case LOST_TO_PRIORITY -> "not sent " + message + " lost to priority";
			case HELD_BY_PRIORITY -> "not sent " + message + " held by priority";
			case NOT_SUBSCRIBED -> "no send " + message + " because not subscribed";
		};
	}

	/** A customer id whose arm is the tested one in every split of every journey (the holdout for a holdout test). */
	private String customerInArms(TestCase test) {
		boolean holdout = test.holdout();
		List<CustomerStateReader> readers = journeys.stream().map(journey -> new CustomerStateReader(journey.plan())).toList();
		for (int i = 0; i < CUSTOMER_SEARCH_LIMIT; i++) {
			String id = "test-customer-" + i;
			boolean fits = true;
			for (CustomerStateReader journey : readers) {
				Map<String, String> arms = journey.splitArms(id);
				for (Split split : journey.plan().splits()) {
					if (split.learns() && weightsGiven(test, split) != null) {
						// the given weights decide the campaign arm (the test says which it expects); the holdout is fixed
						if ("holdout".equals(arms.get(split.name())) != holdout) {
							fits = false;
							break;
						}
						continue;
					}
					if (!arms.get(split.name()).equals(wantedArm(split, holdout))) {
						fits = false;
						break;
					}
				}
			}
			if (fits) {
				return id;
			}
		}
		throw new IllegalStateException(test.location() + ": no customer id falls in the wanted arm of every split");
	}

	/** The weights of {@code given arm weights}, per split of the arms named (the others' arms 0); the starting weights elsewhere. */
	private SplitWeights givenWeights(TestCase test) {
		SplitWeights weights = SplitWeights.STARTING;
		JourneyPlan plan = journeys.get(0).plan();
		for (Split split : plan.splits()) {
			double[] given = weightsGiven(test, split);
			if (given != null) {
				weights = weights.with(0, plan.name(), split.name(), given);
			}
		}
		return weights;
	}

	/** The weights a test gives the arms of {@code split}, or null when it names none of them. */
	private static double[] weightsGiven(TestCase test, Split split) {
		double[] weights = null;
		for (TestCase.ArmWeight given : test.armWeights()) {
			for (int a = 0; a < split.arms().size(); a++) {
				if (!split.arms().get(a).holdout() && split.arms().get(a).campaign().equals(given.campaign())) {
					weights = weights == null ? new double[split.arms().size()] : weights;
					weights[a] = given.percent();
				}
			}
		}
		return weights;
	}

	/** {@code expect arm C}: the customer's arm of the split that has campaign C, as the step decided it. */
	private String checkArm(TestCase.ExpectArm expected, CustomerState state) {
		JourneyPlan plan = journeys.get(0).plan();
		for (Split split : plan.splits()) {
			for (Split.Arm arm : split.arms()) {
				if (!arm.holdout() && arm.campaign().equals(expected.campaign())) {
					String actual = split.learns() ? KeptSplitArms.of(state, split) : io.itinera.runtime.delivery.SplitAssignment.armOf(plan.name(), state.customerId(), split);
					return expected.campaign().equals(actual) ? null
							: "arm " + expected.campaign() + " (the customer is in " + (actual == null ? "no arm yet" : actual) + ")";
				}
			}
		}
		return "arm " + expected.campaign() + " (no split has that campaign)";
	}

	private static String wantedArm(Split split, boolean holdout) {
		for (Split.Arm arm : split.arms()) {
			if (arm.holdout() == holdout) {
				return arm.label();
			}
		}
		return split.arms().get(0).label();
	}

	private static ZoneId zoneOf(Object timezone, ZoneId otherwise) {
		if (timezone instanceof String name) {
			try {
				return ZoneId.of(name);
			} catch (DateTimeException e) {
				return otherwise;
			}
		}
		return otherwise;
	}

	/** The moment an {@code at} names: its date, or the next time at or after {@code now} that the clock shows its time. */
	private static long moment(TestCase.At at, long now, ZoneId zone) {
		LocalTime time = LocalTime.of(at.minuteOfDay() / 60, at.minuteOfDay() % 60);
		if (at.date() != null) {
			return LocalDate.parse(at.date()).atTime(time).atZone(zone).toInstant().toEpochMilli();
		}
		LocalDate day = Instant.ofEpochMilli(now).atZone(zone).toLocalDate();
		long candidate = day.atTime(time).atZone(zone).toInstant().toEpochMilli();
		return candidate >= now ? candidate : day.plusDays(1).atTime(time).atZone(zone).toInstant().toEpochMilli();
	}

	private static String describe(TestCase.At at) {
		String time = String.format(Locale.ROOT, "%02d:%02d", at.minuteOfDay() / 60, at.minuteOfDay() % 60);
		return "at " + (at.date() == null ? "" : at.date() + " ") + time;
	}

	private Object attributeValue(String name, Expr value) {
		for (SingleJourneyStep journey : journeys) {
			ValueType type = declaredType(journey.plan(), name);
			if (type != null) {
				return typed(type, value);
			}
		}
		return typed(null, value);
	}

	private static ValueType declaredType(JourneyPlan plan, String attribute) {
		return plan.attributes().stream().filter(a -> a.name().equals(attribute)).map(Attribute::type).findFirst()
				.orElse(null);
	}

	private Map<String, Object> fields(TestCase.TestEvent event) {
		EventType type = null; // journeys of a workspace that declare one event give its fields the same types
		for (SingleJourneyStep journey : journeys) {
			if (type == null) {
				type = journey.plan().event(event.event());
			}
		}
		Map<String, Object> fields = new HashMap<>();
		for (TestCase.FieldValue value : event.values()) {
			FieldDecl field = type == null ? null : type.field(value.field());
			fields.put(value.field(), typed(field == null ? null : field.type(), value.value()));
		}
		return fields;
	}

	/** A literal as the runtime carries values: String, Double, Long or Boolean. */
	private static Object typed(ValueType type, Expr value) {
		if (value instanceof Expr.StringLit s) {
			return s.value();
		}
		if (value instanceof Expr.BooleanLit b) {
			return b.value();
		}
		double number = number(value);
		return type == ValueType.INT ? (Object) Math.round(number) : (Object) number;
	}

	private static double number(Expr value) {
		if (value instanceof Expr.NumberLit n) {
			return n.value();
		}
		if (value instanceof Expr.DurationLit d) {
			return d.millis() / 86_400_000d; // durations are given to recency features, which count days
		}
		if (value instanceof Expr.Negate n) {
			return -number(n.operand());
		}
		throw new IllegalArgumentException(value.location() + ": a test value must be a number, text, true/false or a duration");
	}
}
