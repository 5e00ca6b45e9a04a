package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code itinera segments --state DIR} after {@code run} of the sample segments journey counts each
 * declared segment as a count written here from the orders themselves: dormant when the last order is
 * 61 whole days or more before the log's end, VIP when the orders of the last 90 days sum over 200
 * (the orders are far from the window's edge, which the features keep in buckets), quiet spenders when
 * dormant with over 100 in the last 90 days.
 */
class SegmentsCommandTest {
	private static final Instant END = Instant.parse("2026-06-30T12:00:00Z");

	@TempDir
	Path dir;

	private record Order(String customer, Instant at, int amount) {
	}

	@Test
	void countsEachSegmentOverTheRunsCustomers() throws Exception {
		List<Order> orders = new ArrayList<>();
		for (int c = 0; c < 30; c++) {
			String id = "c" + c;
			switch (c % 5) {
				case 0 -> orders.add(new Order(id, END.minus(Duration.ofDays(150)), 50));
				case 1 -> orders.add(new Order(id, END.minus(Duration.ofDays(70)), 95 + c));
				case 2 -> orders.add(new Order(id, END.minus(Duration.ofDays(10)), 250));
				case 3 -> {
					orders.add(new Order(id, END.minus(Duration.ofDays(200)), 300));
					orders.add(new Order(id, END.minus(Duration.ofDays(20)), 20));
				}
				default -> orders.add(new Order(id, END.minus(Duration.ofDays(61)).plus(Duration.ofHours(1)), 10));
			}
		}
		orders.add(new Order("zz-end", END, 10));
		StringBuilder csv = new StringBuilder("customer,time,type,orderId,amount\n");
		orders.stream().sorted(java.util.Comparator.comparing(Order::at)).forEach(o -> csv.append(o.customer()).append(',')
				.append(o.at()).append(",order,").append(o.customer()).append('-').append(o.at().getEpochSecond()).append(',')
				.append(o.amount()).append('\n'));
		Path log = Files.writeString(dir.resolve("orders.csv"), csv);

		Map<String, Long> expected = new LinkedHashMap<>();
		Map<String, List<Order>> byCustomer = new LinkedHashMap<>();
		orders.forEach(o -> byCustomer.computeIfAbsent(o.customer(), k -> new ArrayList<>()).add(o));
		long dormant = 0, vip = 0, quietSpender = 0;
		for (List<Order> own : byCustomer.values()) {
			Instant last = own.stream().map(Order::at).max(Instant::compareTo).orElseThrow();
			int recent = own.stream().filter(o -> Duration.between(o.at(), END).toDays() < 90).mapToInt(Order::amount).sum();
			boolean isDormant = Duration.between(last, END).toDays() > 60;
			dormant += isDormant ? 1 : 0;
			vip += recent > 200 ? 1 : 0;
			quietSpender += isDormant && recent > 100 ? 1 : 0;
		}
		expected.put("Dormant", dormant);
		expected.put("VIP", vip);
		expected.put("QuietSpender", quietSpender);
		assertEquals(List.of(12L, 6L, 5L), List.copyOf(expected.values()), "the orders cover each case");

		Path out = dir.resolve("out");
		InProcessCli.succeeding("run", Path.of("..", "journeys", "segments-winback.journey").toString(), "--events", log.toString(),
				"--out", out.toString(), "--no-progress");
		String counted = InProcessCli.succeeding("segments", "--state", out.resolve("state").toString());
		assertTrue(counted.contains("at 2026-06-30T12:00:00Z, over 31 customers"), counted);
		Pattern row = Pattern.compile("(?m)^\\s+(\\S+)\\s+SegmentWinback\\s+(\\d+)\\s");
		Map<String, Long> actual = new LinkedHashMap<>();
		Matcher matcher = row.matcher(counted);
		while (matcher.find()) {
			actual.put(matcher.group(1), Long.parseLong(matcher.group(2)));
		}
		assertEquals(expected, actual, counted);
	}
}
