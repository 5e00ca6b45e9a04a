package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.io.JsonLinesOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code entry on segment} and {@code on entering|leaving segment} (the sample
 * {@code journeys/segments-winback.journey}, whose segments change with time alone: "no order for 60
 * days", "over 200 spent in 90 days") on every host ({@link EveryHost}): {@code run}, {@code simulate},
 * {@code flink --local}, {@code run --kafka} and {@code serve --clock event} over one log of orders give
 * the same actions, stage changes and suppressions; the live hosts fire the time-based segments' timers
 * as the customers' own later orders pass them. Journey tests written from {@code run}'s output for
 * some of its customers (their orders at their times, then what run sent and where it left them
 * between them) pass under {@code itinera test}.
 */
class SegmentTriggersEveryHostTest {
	private static final Path JOURNEY = Path.of("..", "journeys", "segments-winback.journey").toAbsolutePath().normalize();
	private static final Instant START = Instant.parse("2025-01-06T10:00:00Z");
	private static final Instant END = Instant.parse("2025-12-29T10:00:00Z");
	private static final List<String> TEMPLATES = List.of("winback", "winback_coupon", "welcome_back", "vip_thanks");
	private static final DateTimeFormatter TEST_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

	@TempDir
	Path dir;

	@RegisterExtension
	static final EveryHost.Broker BROKER = new EveryHost.Broker();

	@Test
	void everyHostEntersAndLeavesTheSegmentsAlike() throws Exception {
		Map<String, List<Order>> orders = orders();
		List<String> lines = new ArrayList<>();
		orders.forEach((customer, list) -> list.forEach(order -> lines.add(order.line(customer))));
		EveryHost.Outputs outputs = EveryHost.agree(JOURNEY, lines, dir, BROKER.kafka());
		for (String host : List.of("run", "serve")) {
			List<String> changes = outputs.of(host, JsonLinesOutput.STAGE_CHANGES);
			for (String cause : List.of("entry:segment Dormant", "segment:leaving Dormant", "segment:entering VIP", "segment:leaving VIP",
					"segment:entering Dormant", "timer:after 30 days")) {
				assertTrue(changes.stream().anyMatch(c -> c.contains("\"cause\":\"" + cause + "\"")), host + "'s log exercises " + cause);
			}
		}
		for (String template : TEMPLATES) {
			assertTrue(outputs.of("kafka", JsonLinesOutput.ACTIONS).stream().anyMatch(a -> a.contains("\"target\":\"" + template + "\"")),
					"the live hosts send " + template);
		}
		assertTrue(outputs.of("run", JsonLinesOutput.SUPPRESSIONS).stream().anyMatch(s -> s.contains("\"cap\"")), "a cap suppresses");
		assertJourneyTestsPassAsRun(orders, outputs.of("run", JsonLinesOutput.STAGE_CHANGES));
	}

	/** Journey tests of 8 customers with 3 or more stage changes, written from run's own output files, pass. */
	private void assertJourneyTestsPassAsRun(Map<String, List<Order>> orders, List<String> changes) throws Exception {
		// in the run's own order: a customer's changes of one instant (Lapsed -> Back -> Vip) as they happened
		List<String> runActions = Files.readAllLines(dir.resolve("run").resolve(JsonLinesOutput.ACTIONS));
		List<String> runChanges = Files.readAllLines(dir.resolve("run").resolve(JsonLinesOutput.STAGE_CHANGES));
		List<String> tested = new ArrayList<>();
		StringBuilder tests = new StringBuilder();
		for (String customer : orders.keySet()) {
			if (tested.size() < 8 && changes.stream().filter(c -> c.contains("\"customer\":\"" + customer + "\"")).count() >= 3) {
				tested.add(customer);
				tests.append(testOf(customer, orders.get(customer), runActions, runChanges));
			}
		}
		assertEquals(8, tested.size());
		String source = Files.readString(JOURNEY);
		int close = source.lastIndexOf('}');
		Path withTests = Files.writeString(Files.createDirectories(dir.resolve("with-tests")).resolve(JOURNEY.getFileName()),
				source.substring(0, close) + tests + "}\n");
		String said = InProcessCli.succeeding("test", withTests.toString());
		assertTrue(said.contains((3 + tested.size()) + " passed, 0 failed"), said);
	}

	private record Order(String id, Instant at, int amount) {
		String line(String customer) {
			return "{\"customer\":\"" + customer + "\",\"type\":\"order\",\"time\":\"" + at + "\",\"orderId\":\"" + id
					+ "\",\"amount\":" + amount + "}";
		}
	}

	/** 120 customers, 1 to 5 orders each, 5 to 120 days apart (whole minutes); one customer orders at the end. */
	private static Map<String, List<Order>> orders() {
		Random random = new Random(24);
		Map<String, List<Order>> orders = new LinkedHashMap<>();
		for (int c = 0; c < 120; c++) {
			List<Order> list = new ArrayList<>();
			Instant at = START.plusSeconds(60L * random.nextInt(60 * 24 * 30));
			int count = 1 + random.nextInt(5);
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
	private static String testOf(String customer, List<Order> orders, List<String> actions, List<String> changes) {
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
			for (String action : of(customer, actions)) {
				Instant time = Instant.parse(EveryHost.field(action, "time"));
				if (time.isAfter(previous) && !time.isAfter(at)) {
					sent.add(EveryHost.field(action, "target"));
				}
			}
			for (String template : TEMPLATES) {
				test.append("    expect ").append(sent.contains(template) ? "" : "no ").append("send email \"").append(template).append("\"\n");
			}
			String stage = null;
			for (String change : of(customer, changes)) {
				String to = EveryHost.field(change, "to");
				if (!Instant.parse(EveryHost.field(change, "time")).isAfter(at) && to != null) {
					stage = to;
				}
			}
			if (stage != null) {
				test.append("    expect stage ").append(stage).append('\n');
			}
			previous = at;
		}
		return test.append("  }\n").toString();
	}

	/** The customer's lines, in time order (a stable sort: one instant's lines stay in the order written). */
	private static List<String> of(String customer, List<String> lines) {
		return lines.stream().filter(line -> customer.equals(EveryHost.field(line, "customer")))
				.sorted(Comparator.comparing(line -> Instant.parse(EveryHost.field(line, "time")))).toList();
	}
}
