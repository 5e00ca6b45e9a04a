package io.itinera.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Injector;
import io.itinera.dsl.JourneyStandaloneSetup;
import io.itinera.dsl.compiler.JourneyCompiler;
import io.itinera.dsl.journey.Journey;
import io.itinera.runtime.assembly.AssemblyOptions;
import io.itinera.runtime.assembly.RuntimeAssembly;
import io.itinera.runtime.driver.DriverSettings;
import io.itinera.runtime.engine.EngineConfig;
import io.itinera.runtime.engine.LocalEngine;
import io.itinera.runtime.io.ColumnMapping;
import io.itinera.runtime.io.EventLogSource;
import io.itinera.runtime.io.EventSchema;
import io.itinera.runtime.io.InputFormat;
import io.itinera.runtime.io.JsonLinesOutput;
import io.itinera.runtime.io.TimeWindow;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.PlanJson;
import io.itinera.runtime.rules.CampaignRules;
import io.itinera.runtime.simulate.JourneySimulation;
import io.itinera.runtime.simulate.Simulator;
import io.itinera.runtime.state.InMemoryStateStore;
import io.itinera.runtime.step.PlanStep;
import io.itinera.runtime.testing.JourneyTestResult;
import io.itinera.runtime.testing.JourneyTestRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code entry on segment} and {@code on entering|leaving segment} (the sample
 * {@code journeys/segments-winback.journey}, whose segments change with time alone: "no order for 60
 * days", "over 200 spent in 90 days") behave the same on every host: {@code run} (the local engine),
 * {@code simulate} and the Flink job on a MiniCluster (its log prepared as {@code itinera flink}
 * prepares it, {@link ReplayInput}) give the same actions and stage changes over one log, and journey
 * tests written from {@code run}'s output for some of its customers (their orders at their times, then
 * what run sent and where it left them between them) pass.
 */
class SegmentTriggersEquivalenceTest {
	@RegisterExtension
	static final MiniClusterExtension CLUSTER = FlinkFixtures.miniCluster();

	private static final Path JOURNEY = Path.of("../journeys/segments-winback.journey");
	private static final Instant START = Instant.parse("2025-01-06T10:00:00Z");
	private static final Instant END = Instant.parse("2025-12-29T10:00:00Z");
	private static final List<String> TEMPLATES = List.of("winback", "winback_coupon", "welcome_back", "vip_thanks");
	private static final DateTimeFormatter TEST_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
	private static final ObjectMapper JSON = new ObjectMapper();

	@TempDir
	Path dir;

	@Test
	void journeyTestsRunSimulateAndFlinkAgree() throws Exception {
		String source = Files.readString(JOURNEY);
		JourneyPlan plan = compile(source);
		CampaignRules rules = RuntimeAssembly.journey(plan, JOURNEY, AssemblyOptions.DEFAULT.withoutModels(true)).rules();
		Map<String, List<Order>> orders = orders();
		List<String> lines = new ArrayList<>();
		orders.forEach((customer, list) -> list.forEach(order -> lines.add(order.line(customer))));
		Path log = Files.write(dir.resolve("events.jsonl"), lines);

		Path run = dir.resolve("run");
		try (EventLogSource events = open(log, plan); JsonLinesOutput output = new JsonLinesOutput(run)) {
			new LocalEngine(() -> new PlanStep(plan, rules), RuntimeAssembly.noScores(), new InMemoryStateStore(), output,
					EngineConfig.defaults().withWorkers(2).withDriver(DriverSettings.replay())).run(events);
		}
		Path simulate = dir.resolve("simulate");
		try (EventLogSource events = open(log, plan); JsonLinesOutput output = new JsonLinesOutput(simulate)) {
			new Simulator(List.of(new JourneySimulation(plan, new PlanStep(plan, rules), null, DriverSettings.replay(), output)),
					null, null, null).run(events, letter -> {
					});
		}
		Path flink = dir.resolve("flink");
		StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(FlinkFixtures.jobConfiguration());
		env.setParallelism(2);
		// as itinera flink runs it: the log, written customer by customer, is handed on in time order,
		// so that no watermark moves a customer's clock past their own later orders
		try (ReplayInput replay = ReplayInput.prepare(List.of(log.toString()), EventSchema.of(plan), null,
				DriverSettings.DEFAULT_LATENESS_MILLIS, TimeWindow.DEFAULT_MAX_SKEW.toMillis(), END.toEpochMilli(),
				dir.resolve(ReplayInput.SORT_FOLDER))) {
			assertNotNull(replay.orderNote(), "the log is not in time order across customers");
			JourneyJob.build(env, replay.applyTo(JobSettings.of(PlanJson.write(plan), dir.toString())),
					replay.input(JourneyJob.Input.files(List.of(log.toString()))), JourneyJob.Output.directory(flink.toString()));
			env.execute("segment triggers");
		}

		List<String> actions = FlinkFixtures.sorted(run.resolve(JsonLinesOutput.ACTIONS));
		List<String> changes = FlinkFixtures.sorted(run.resolve(JsonLinesOutput.STAGE_CHANGES));
		for (String cause : List.of("entry:segment Dormant", "segment:leaving Dormant", "segment:entering VIP",
				"segment:leaving VIP", "segment:entering Dormant", "timer:after 30 days")) {
			assertTrue(changes.stream().anyMatch(c -> c.contains("\"cause\":\"" + cause + "\"")), "the log exercises " + cause);
		}
		for (String template : TEMPLATES) {
			assertTrue(actions.stream().anyMatch(a -> a.contains("\"target\":\"" + template + "\"")), "the log sends " + template);
		}
		for (String kind : List.of(JsonLinesOutput.ACTIONS, JsonLinesOutput.STAGE_CHANGES)) {
			assertEquals(FlinkFixtures.sorted(run.resolve(kind)), FlinkFixtures.sorted(simulate.resolve(kind)), "simulate's " + kind);
		}
		assertEquals(List.of(), FlinkFixtures.sortedLines(flink, OutputRecord.DEAD_LETTER), "no late event on Flink");
		assertEquals(actions, FlinkFixtures.sortedLines(flink, OutputRecord.ACTION));
		assertEquals(changes, FlinkFixtures.sortedLines(flink, OutputRecord.STAGE_CHANGE));

		// in the run's own order: a customer's changes of one instant (Lapsed -> Back -> Vip) as they happened
		List<String> runActions = Files.readAllLines(run.resolve(JsonLinesOutput.ACTIONS));
		List<String> runChanges = Files.readAllLines(run.resolve(JsonLinesOutput.STAGE_CHANGES));
		List<String> tested = new ArrayList<>();
		StringBuilder tests = new StringBuilder();
		for (String customer : orders.keySet()) {
			if (tested.size() < 8 && changes.stream().filter(c -> c.contains("\"customer\":\"" + customer + "\"")).count() >= 3) {
				tested.add(customer);
				tests.append(testOf(customer, orders.get(customer), runActions, runChanges));
			}
		}
		assertEquals(8, tested.size());
		int close = source.lastIndexOf('}');
		JourneyPlan withTests = compile(source.substring(0, close) + tests + "}\n");
		List<JourneyTestResult> results = new JourneyTestRunner(withTests, rules).runAll();
		assertEquals(plan.tests().size() + tested.size(), results.size());
		for (JourneyTestResult result : results) {
			assertTrue(result.passed(), result.report());
		}
	}

	private record Order(String id, Instant at, int amount) {
		String line(String customer) {
			return "{\"customer\":\"" + customer + "\",\"type\":\"order\",\"time\":\"" + at + "\",\"orderId\":\"" + id
					+ "\",\"amount\":" + amount + "}";
		}
	}

	/** 150 customers, 1 to 4 orders each, 5 to 120 days apart (whole minutes); one customer orders at the end. */
	private static Map<String, List<Order>> orders() {
		Random random = new Random(24);
		Map<String, List<Order>> orders = new LinkedHashMap<>();
		for (int c = 0; c < 150; c++) {
			List<Order> list = new ArrayList<>();
			Instant at = START.plusSeconds(60L * random.nextInt(60 * 24 * 30));
			int count = 1 + random.nextInt(4);
			for (int o = 0; o < count && at.isBefore(END); o++) {
				list.add(new Order("o" + c + "-" + o, at, 10 + random.nextInt(19) * 10));
				at = at.plusSeconds(86_400L * (5 + random.nextInt(116)) + 60L * random.nextInt(600));
			}
			orders.put("c" + c, list);
		}
		orders.put("zz-end", List.of(new Order("end", END, 10)));
		return orders;
	}

	/**
	 * A test block for one customer: their orders at their times, then the end of the log; after each,
	 * what run sent them since the previous step (and did not), and the stage it left them in.
	 */
	private static String testOf(String customer, List<Order> orders, List<String> actions, List<String> changes) throws Exception {
		StringBuilder test = new StringBuilder("\n  test \"as run: " + customer + "\" {\n    given customer\n");
		Instant previous = Instant.MIN;
		List<Instant> steps = new ArrayList<>(orders.stream().map(Order::at).toList());
		steps.add(END);
		for (int s = 0; s < steps.size(); s++) {
			Instant at = steps.get(s);
			test.append("    at ").append(TEST_TIME.format(at)).append('\n');
			if (s < orders.size()) {
				Order order = orders.get(s);
				test.append("    on order with orderId = \"").append(order.id()).append("\", amount = ").append(order.amount()).append('\n');
			}
			Set<String> sent = new TreeSet<>();
			for (JsonNode action : of(customer, actions)) {
				Instant time = Instant.parse(action.get("time").asText());
				if (time.isAfter(previous) && !time.isAfter(at)) {
					sent.add(action.get("target").asText());
				}
			}
			for (String template : TEMPLATES) {
				test.append("    expect ").append(sent.contains(template) ? "" : "no ").append("send email \"").append(template).append("\"\n");
			}
			String stage = null;
			for (JsonNode change : of(customer, changes)) {
				if (!Instant.parse(change.get("time").asText()).isAfter(at) && change.hasNonNull("to")) {
					stage = change.get("to").asText();
				}
			}
			if (stage != null) {
				test.append("    expect stage ").append(stage).append('\n');
			}
			previous = at;
		}
		return test.append("  }\n").toString();
	}

	private static List<JsonNode> of(String customer, List<String> lines) throws Exception {
		List<JsonNode> nodes = new ArrayList<>();
		for (String line : lines) {
			JsonNode node = JSON.readTree(line);
			if (customer.equals(node.get("customer").asText())) {
				nodes.add(node);
			}
		}
		nodes.sort(java.util.Comparator.comparing(n -> Instant.parse(n.get("time").asText())));
		return nodes;
	}

	private static JourneyPlan compile(String text) throws Exception {
		Injector injector = new JourneyStandaloneSetup().createInjectorAndDoEMFRegistration();
		XtextResourceSet resources = injector.getInstance(XtextResourceSet.class);
		XtextResource resource = (XtextResource) resources.createResource(URI.createFileURI(JOURNEY.toAbsolutePath().toString()));
		resource.load(new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)), null);
		assertTrue(resource.getErrors().isEmpty(), () -> resource.getErrors().toString());
		return new JourneyCompiler().compile((Journey) resource.getContents().get(0));
	}

	private static EventLogSource open(Path log, JourneyPlan plan) throws Exception {
		return EventLogSource.open(log, InputFormat.JSONL, ColumnMapping.parse(null), null, ',', EventSchema.of(plan));
	}
}
