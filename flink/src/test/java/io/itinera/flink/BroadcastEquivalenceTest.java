package io.itinera.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.PlanJson;
import io.itinera.runtime.rules.CampaignRules;
import io.itinera.runtime.simulate.JourneySimulation;
import io.itinera.runtime.simulate.Simulator;
import io.itinera.runtime.state.InMemoryStateStore;
import io.itinera.runtime.step.PlanStep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broadcasts ({@code journeys/broadcast-newsletter.journey}: a Monday newsletter to a segment of an
 * attribute, a daily deal to a segment of a 30-day window) fire the same on every host: over one log of
 * customers in two time zones, {@code run}, {@code simulate} and the Flink job on a MiniCluster give the
 * same sends; each newsletter goes at 10:00 on a Monday in the customer's own zone, and a reader gets
 * exactly one per Monday between signing up and the end of the log (counted here from the calendar),
 * a customer who said no none.
 */
class BroadcastEquivalenceTest {
	@RegisterExtension
	static final MiniClusterExtension CLUSTER = FlinkFixtures.miniCluster();

	private static final Path JOURNEY = Path.of("../journeys/broadcast-newsletter.journey");
	private static final Instant START = Instant.parse("2025-03-03T00:00:00Z");
	private static final Instant END = Instant.parse("2025-04-14T12:00:00Z"); // across the spring DST changes
	private static final List<String> ZONES = List.of("Europe/Berlin", "America/New_York");
	private static final ObjectMapper JSON = new ObjectMapper();

	@TempDir
	Path dir;

	private record Customer(String id, String zone, boolean reader, Instant signup) {
	}

	@Test
	void runSimulateAndFlinkSendTheSameBroadcastsAtTenLocal() throws Exception {
		JourneyPlan plan = compile(Files.readString(JOURNEY));
		CampaignRules rules = RuntimeAssembly.journey(plan, JOURNEY, AssemblyOptions.DEFAULT.withoutModels(true)).rules();
		Random random = new Random(24);
		List<Customer> customers = new ArrayList<>();
		List<String> lines = new ArrayList<>();
		for (int c = 0; c < 80; c++) {
			Customer customer = new Customer("c" + c, ZONES.get(c % 2), random.nextInt(10) < 6,
					START.plusSeconds(60L * random.nextInt(60 * 24 * 14)));
			customers.add(customer);
			lines.add(signup(customer.id(), customer.signup(), customer.reader(), customer.zone()));
			Instant at = customer.signup();
			for (int o = random.nextInt(4); o > 0; o--) {
				at = at.plusSeconds(60L * random.nextInt(60 * 24 * 12));
				lines.add("{\"customer\":\"" + customer.id() + "\",\"type\":\"order\",\"time\":\"" + at + "\",\"amount\":"
						+ (10 + random.nextInt(50)) + "}");
			}
		}
		lines.add(signup("zz-end", END, false, "UTC"));
		lines.sort((a, b) -> time(a).compareTo(time(b)));
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
		JourneyJob.build(env, JobSettings.of(PlanJson.write(plan), dir.toString()).withReplayEnd(END.toEpochMilli()),
				JourneyJob.Input.files(List.of(log.toString())), JourneyJob.Output.directory(flink.toString()));
		env.execute("broadcasts");

		List<String> actions = FlinkFixtures.sorted(run.resolve(JsonLinesOutput.ACTIONS));
		assertEquals(actions, FlinkFixtures.sorted(simulate.resolve(JsonLinesOutput.ACTIONS)), "simulate's sends");
		assertEquals(actions, FlinkFixtures.sortedLines(flink, OutputRecord.ACTION), "Flink's sends");

		Map<String, Integer> weekly = new HashMap<>();
		int deals = 0;
		Map<String, Customer> byId = new HashMap<>();
		customers.forEach(c -> byId.put(c.id(), c));
		for (String line : actions) {
			JsonNode action = JSON.readTree(line);
			Customer customer = byId.get(action.get("customer").asText());
			ZonedDateTime local = Instant.parse(action.get("time").asText()).atZone(ZoneId.of(customer.zone()));
			assertEquals(LocalTime.of(10, 0), local.toLocalTime(), line);
			if ("weekly".equals(action.get("target").asText())) {
				assertEquals(DayOfWeek.MONDAY, local.getDayOfWeek(), line);
				weekly.merge(customer.id(), 1, Integer::sum);
			} else {
				deals++;
			}
		}
		assertTrue(deals > 0, "the log has recent buyers at 10:00");
		for (Customer customer : customers) {
			int expected = customer.reader() ? mondaysAtTen(customer) : 0;
			assertEquals(expected, weekly.getOrDefault(customer.id(), 0), customer.toString());
		}
		assertTrue(customers.stream().filter(Customer::reader).map(Customer::zone).distinct().count() == 2);
	}

	/** Mondays 10:00 in the customer's zone after their signup, up to the end of the log: counted on the calendar. */
	private static int mondaysAtTen(Customer customer) {
		ZoneId zone = ZoneId.of(customer.zone());
		int count = 0;
		for (ZonedDateTime day = customer.signup().atZone(zone).toLocalDate().atStartOfDay(zone); !day.toInstant().isAfter(END);
				day = day.plusDays(1)) {
			Instant ten = day.toLocalDate().atTime(10, 0).atZone(zone).toInstant();
			if (day.getDayOfWeek() == DayOfWeek.MONDAY && ten.isAfter(customer.signup()) && !ten.isAfter(END)) {
				count++;
			}
		}
		return count;
	}

	private static String signup(String customer, Instant at, boolean reader, String zone) {
		return "{\"customer\":\"" + customer + "\",\"type\":\"signup\",\"time\":\"" + at + "\",\"newsletter\":\""
				+ (reader ? "yes" : "no") + "\",\"timezone\":\"" + zone + "\"}";
	}

	private static Instant time(String line) {
		int start = line.indexOf("\"time\":\"") + 8;
		return Instant.parse(line.substring(start, line.indexOf('"', start)));
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
