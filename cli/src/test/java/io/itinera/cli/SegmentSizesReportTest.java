package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code simulate} of the sample segments journey over six months of orders reports, per month, the
 * customers in each segment at the month's end, and those who joined and left it since the month
 * before, equal to a count written here from the orders themselves with the segments' definitions
 * (dormant: the last order before the instant 61 whole days or more before it; VIP: the orders of
 * the 90 days before it sum over 200; quiet spender: dormant with over 100 in 90 days), over the
 * customers whose first order came before it. Orders are drawn from a seeded random source at 06:00;
 * an order that would lie within a week of the 90-day window's edge at one of the instants (where the
 * feature's buckets let an order go up to 5.6 days early) is not written.
 */
class SegmentSizesReportTest {
	private static final Instant START = Instant.parse("2026-01-01T06:00:00Z");
	private static final Instant END = Instant.parse("2026-06-30T12:00:00Z");
	private static final List<String> SEGMENTS = List.of("Dormant", "VIP", "QuietSpender");

	@TempDir
	Path dir;

	private record Order(String customer, Instant at, int amount) {
	}

	private static final List<String> MONTHS = List.of("2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06");
	private static final List<Instant> INSTANTS = List.of(Instant.parse("2026-02-01T00:00:00Z"), Instant.parse("2026-03-01T00:00:00Z"),
			Instant.parse("2026-04-01T00:00:00Z"), Instant.parse("2026-05-01T00:00:00Z"), Instant.parse("2026-06-01T00:00:00Z"), END);

	@Test
	void segmentSizesPerMonthAreInTheReport() throws Exception {
		List<Order> orders = orders();
		List<long[]> expected = expected(orders, 60);
		long dormantLeft = expected.stream().mapToLong(row -> row[3]).sum();
		long vipLeft = expected.stream().mapToLong(row -> row[6]).sum();
		assertTrue(dormantLeft > 0 && vipLeft > 0 && expected.get(5)[7] > 0, "the orders move customers in and out of each segment");

		Path log = write(orders);
		Path out = dir.resolve("out");
		InProcessCli.succeeding("simulate", SAMPLE.toString(), "--events", log.toString(), "--out", out.toString(), "--no-progress");
		JsonNode reported = new ObjectMapper().readTree(out.resolve("report.json").toFile()).get("segmentsByMonth");
		assertReported(expected, reported);
		List<Map<String, Long>> flows = expectedFlows(orders, 60);
		assertTrue(flows.stream().anyMatch(month -> month.containsKey("VIP>Dormant")), "some customers move from one segment to another");
		assertEquals(flows, reportedFlows(reported));
		String html = Files.readString(out.resolve("report.html"));
		assertTrue(html.contains("<h2>Segments by month</h2>") && html.contains("QuietSpender"), "the HTML report shows them");
		assertTrue(html.contains("id=\"j0-segments\""), "with a chart");
		assertTrue(html.contains("<h3>Flows between segments</h3>"), "and the flows between them");
	}

	@Test
	void theSegmentsChartIsDrawn() throws Exception {
		HeadlessChromium.assumeInstalled("the segments chart's rendering");
		Path out = dir.resolve("out");
		InProcessCli.succeeding("simulate", SAMPLE.toString(), "--events", write(orders()).toString(), "--out", out.toString(),
				"--no-progress");
		String dom = HeadlessChromium.run(dir, "--dump-dom", out.resolve("report.html").toUri().toString());
		Matcher check = Pattern.compile("id=\"render-check\"[^>]*data-charts=\"(\\d+)\" data-drawn=\"(\\d+)\" data-marks=\"(\\d+)\""
				+ " data-legend-overlaps=\"(\\d+)\"").matcher(dom);
		assertTrue(check.find(), "the page's render check ran");
		assertTrue(dom.contains("id=\"j0-segments\""), "the segments chart is on the page");
		assertEquals(check.group(1), check.group(2), "every chart, the segments chart with them, is drawn");
		assertEquals("0", check.group(4), "legend entries overlapping a title, label or tick");
	}

	/**
	 * In a workspace of the sample journey and a copy whose customers are dormant after 30 days, each
	 * journey's report counts its own segments: the sample's as when it runs alone.
	 */
	@Test
	void eachJourneyOfAWorkspaceCountsItsOwnSegments() throws Exception {
		List<Order> orders = orders();
		Path log = write(orders);
		Path alone = dir.resolve("alone");
		InProcessCli.succeeding("simulate", SAMPLE.toString(), "--events", log.toString(), "--out", alone.toString(), "--no-progress");
		Path folder = Files.createDirectories(dir.resolve("workspace"));
		String sample = Files.readString(SAMPLE);
		Files.writeString(folder.resolve("segments-winback.journey"), sample);
		String sooner = sample.replace("journey SegmentWinback ", "journey SoonerWinback ")
				.replace("daysSinceOrder > 60 days", "daysSinceOrder > 30 days");
		assertTrue(!sooner.equals(sample) && sooner.contains("daysSinceOrder > 30 days"));
		Files.writeString(folder.resolve("sooner-winback.journey"), sooner);
		Path out = dir.resolve("ws-out");
		InProcessCli.succeeding("simulate", folder.toString(), "--events", log.toString(), "--out", out.toString(), "--no-progress");

		ObjectMapper json = new ObjectMapper();
		assertEquals(json.readTree(alone.resolve("report.json").toFile()).get("segmentsByMonth"),
				json.readTree(out.resolve("SegmentWinback").resolve("report.json").toFile()).get("segmentsByMonth"));
		assertReported(expected(orders, 30), json.readTree(out.resolve("SoonerWinback").resolve("report.json").toFile()).get("segmentsByMonth"));
	}

	private static final Path SAMPLE = Path.of("..", "journeys", "segments-winback.journey");

	private static List<Order> orders() {
		List<Instant> instants = INSTANTS;
		Random random = new Random(24);
		List<Order> orders = new ArrayList<>();
		for (int c = 0; c < 80; c++) {
			int count = 1 + random.nextInt(4);
			for (int o = 0; o < count; o++) {
				Instant at = START.plus(Duration.ofDays(random.nextInt(180)));
				int amount = 10 + random.nextInt(290);
				if (instants.stream().noneMatch(i -> nearWindowEdge(at, i))) {
					orders.add(new Order(String.format("c%02d", c), at, amount));
				}
			}
		}
		orders.add(new Order("zz-end", END, 10));
		orders.sort(Comparator.comparing(Order::at).thenComparing(Order::customer));
		return orders;
	}

	/** Per instant: the customers seen, then per segment those in it, joined and left; dormant after {@code dormantDays}. */
	private static List<long[]> expected(List<Order> orders, int dormantDays) {
		List<long[]> expected = new ArrayList<>(); // per instant: customers, then in/joined/left per segment
		Map<String, boolean[]> previous = new LinkedHashMap<>();
		for (Map<String, boolean[]> members : memberships(orders, dormantDays)) {
			long[] row = new long[1 + 3 * SEGMENTS.size()];
			members.forEach((customer, in) -> {
				row[0]++;
				boolean[] was = previous.getOrDefault(customer, new boolean[3]);
				for (int s = 0; s < 3; s++) {
					row[1 + 3 * s] += in[s] ? 1 : 0;
					row[2 + 3 * s] += in[s] && !was[s] ? 1 : 0;
					row[3 + 3 * s] += !in[s] && was[s] ? 1 : 0;
				}
			});
			previous.putAll(members);
			expected.add(row);
		}
		return expected;
	}

	/**
	 * Per instant, "FROM>TO" to customers: each segment a customer left since the instant before paired with
	 * each they joined; "-" stands for no segment (a join without a leave, a leave without a join).
	 */
	private static List<Map<String, Long>> expectedFlows(List<Order> orders, int dormantDays) {
		List<Map<String, Long>> flows = new ArrayList<>();
		Map<String, boolean[]> previous = new LinkedHashMap<>();
		for (Map<String, boolean[]> members : memberships(orders, dormantDays)) {
			Map<String, Long> month = new java.util.TreeMap<>();
			members.forEach((customer, in) -> {
				boolean[] was = previous.getOrDefault(customer, new boolean[3]);
				List<String> left = new ArrayList<>();
				List<String> joined = new ArrayList<>();
				for (int s = 0; s < 3; s++) {
					if (was[s] && !in[s]) {
						left.add(SEGMENTS.get(s));
					} else if (in[s] && !was[s]) {
						joined.add(SEGMENTS.get(s));
					}
				}
				for (String from : left.isEmpty() && !joined.isEmpty() ? List.of("-") : left) {
					for (String to : joined.isEmpty() ? List.of("-") : joined) {
						month.merge(from + ">" + to, 1L, Long::sum);
					}
				}
			});
			previous.putAll(members);
			flows.add(month);
		}
		return flows;
	}

	/** Per instant, the customers seen by then and the segments each is in; dormant after {@code dormantDays}. */
	private static List<Map<String, boolean[]>> memberships(List<Order> orders, int dormantDays) {
		Map<String, List<Order>> byCustomer = new LinkedHashMap<>();
		orders.forEach(o -> byCustomer.computeIfAbsent(o.customer(), k -> new ArrayList<>()).add(o));
		List<Map<String, boolean[]>> memberships = new ArrayList<>();
		for (Instant instant : INSTANTS) {
			boolean last = instant.equals(END);
			Map<String, boolean[]> members = new LinkedHashMap<>();
			for (Map.Entry<String, List<Order>> customer : byCustomer.entrySet()) {
				List<Order> before = customer.getValue().stream()
						.filter(o -> o.at().isBefore(instant) || (last && o.at().equals(instant))).toList();
				if (before.isEmpty()) {
					continue;
				}
				Instant latest = before.stream().map(Order::at).max(Instant::compareTo).orElseThrow();
				int spend90 = before.stream().filter(o -> Duration.between(o.at(), instant).toDays() < 90).mapToInt(Order::amount).sum();
				boolean dormant = Duration.between(latest, instant).toDays() > dormantDays;
				members.put(customer.getKey(), new boolean[] { dormant, spend90 > 200, dormant && spend90 > 100 });
			}
			memberships.add(members);
		}
		return memberships;
	}

	private static List<Map<String, Long>> reportedFlows(JsonNode reported) {
		List<Map<String, Long>> flows = new ArrayList<>();
		for (JsonNode month : reported) {
			Map<String, Long> counts = new java.util.TreeMap<>();
			for (JsonNode flow : month.get("flows")) {
				String from = flow.get("from").isNull() ? "-" : flow.get("from").asText();
				String to = flow.get("to").isNull() ? "-" : flow.get("to").asText();
				counts.put(from + ">" + to, flow.get("customers").asLong());
			}
			flows.add(counts);
		}
		return flows;
	}

	private Path write(List<Order> orders) throws java.io.IOException {
		StringBuilder csv = new StringBuilder("customer,time,type,orderId,amount\n");
		for (Order o : orders) {
			csv.append(o.customer()).append(',').append(o.at()).append(",order,").append(o.customer()).append('-')
					.append(o.at().getEpochSecond()).append(',').append(o.amount()).append('\n');
		}
		return Files.writeString(dir.resolve("orders.csv"), csv);
	}

	private static void assertReported(List<long[]> expected, JsonNode reported) {
		assertEquals(INSTANTS.size(), reported.size(), reported.toString());
		for (int i = 0; i < INSTANTS.size(); i++) {
			JsonNode month = reported.get(i);
			assertEquals(MONTHS.get(i), month.get("month").asText());
			assertEquals(INSTANTS.get(i).toString(), month.get("at").asText());
			long[] row = new long[1 + 3 * SEGMENTS.size()];
			row[0] = month.get("customers").asLong();
			for (int s = 0; s < SEGMENTS.size(); s++) {
				JsonNode segment = month.get("segments").get(s);
				assertEquals(SEGMENTS.get(s), segment.get("segment").asText());
				row[1 + 3 * s] = segment.get("customers").asLong();
				row[2 + 3 * s] = segment.get("joined").asLong();
				row[3 + 3 * s] = segment.get("left").asLong();
			}
			assertEquals(java.util.Arrays.toString(expected.get(i)), java.util.Arrays.toString(row), "at " + INSTANTS.get(i));
		}
	}

	/** Whether the order is 83 to 91 days before the instant: where the 90-day window's buckets blur it. */
	private static boolean nearWindowEdge(Instant order, Instant instant) {
		long hours = Duration.between(order, instant).toHours();
		return hours >= 83 * 24 && hours <= 91 * 24;
	}
}
