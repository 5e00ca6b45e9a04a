package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample segments journey replayed over the shared UCI baskets: the report's segment sizes per
 * month give, at each month's end, the customers seen and the dormant ones as counted here from the
 * CSV itself (a customer is seen once their first basket is before the instant, dormant when their
 * last basket before it is 61 whole days or more before it; the last month at the latest basket).
 * Skipped where {@code ../shared/data} is absent.
 */
class SharedLogsSegmentSizesTest {
	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSSSS");

	@TempDir
	Path out;

	@Test
	void uciBasketsSegmentSizesPerMonth() throws Exception {
		Path log = SharedLogsSimulationTest.SHARED.resolve("uci-online-retail-baskets/baskets.csv");
		assumeTrue(Files.isRegularFile(log), log + " is absent: the real UCI log is not replayed");
		Map<String, List<Long>> basketsByCustomer = new HashMap<>();
		long latest = Long.MIN_VALUE;
		for (String line : Files.readAllLines(log).subList(1, Files.readAllLines(log).size())) {
			String[] cells = line.split(",");
			long at = LocalDateTime.parse(cells[8], TIME).toInstant(ZoneOffset.UTC).toEpochMilli();
			basketsByCustomer.computeIfAbsent(cells[0], k -> new ArrayList<>()).add(at);
			latest = Math.max(latest, at);
		}
		List<Long> instants = new ArrayList<>();
		for (LocalDateTime month = LocalDateTime.parse("2011-01-01T00:00"); month.toInstant(ZoneOffset.UTC).toEpochMilli() < latest;
				month = month.plusMonths(1)) {
			instants.add(month.toInstant(ZoneOffset.UTC).toEpochMilli());
		}
		instants.add(latest);

		InProcessCli.succeeding("simulate", SharedLogsSimulationTest.JOURNEYS.resolve("segments-winback.journey").toString(),
				"--events", log.toString(), "--out", out.toString(), "--no-progress", "--map",
				"customer=CustomerID,time=InvoiceDate:yyyy-MM-dd HH:mm:ss.SSSSSSSSS,event=order,field.orderId=InvoiceNo,"
						+ "field.amount=Basket Price");
		JsonNode months = new ObjectMapper().readTree(out.resolve("report.json").toFile()).get("segmentsByMonth");
		assertEquals(8, instants.size(), "December 2010 to July 2011");
		assertEquals(instants.size(), months.size(), months.toString());
		for (int i = 0; i < instants.size(); i++) {
			long instant = instants.get(i);
			boolean last = i == instants.size() - 1;
			long seen = 0;
			long dormant = 0;
			for (List<Long> baskets : basketsByCustomer.values()) {
				long lastBefore = baskets.stream().mapToLong(Long::longValue).filter(at -> at < instant || (last && at == instant))
						.max().orElse(Long.MIN_VALUE);
				if (lastBefore != Long.MIN_VALUE) {
					seen++;
					dormant += Duration.ofMillis(instant - lastBefore).toDays() > 60 ? 1 : 0;
				}
			}
			JsonNode month = months.get(i);
			assertEquals(Instant.ofEpochMilli(instant).toString(), month.get("at").asText());
			assertEquals(seen, month.get("customers").asLong(), month.toString());
			assertEquals("Dormant", month.get("segments").get(0).get("segment").asText());
			assertEquals(dormant, month.get("segments").get(0).get("customers").asLong(), month.toString());
		}
		assertEquals(3_143, months.get(instants.size() - 1).get("customers").asLong());
		assertTrue(months.get(instants.size() - 1).get("segments").get(0).get("customers").asLong() > 500,
				"many customers of the UCI shop go quiet for two months");
	}
}
