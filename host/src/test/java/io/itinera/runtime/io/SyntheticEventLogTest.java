package io.itinera.runtime.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SyntheticEventLogTest {
	private static String generate(long seed, boolean jsonLines) throws IOException {
		StringWriter out = new StringWriter();
		new SyntheticEventLog(5_000, 300, seed, Instant.parse("2026-03-01T00:00:00Z").toEpochMilli(), 7, jsonLines).write(out);
		return out.toString();
	}

	@Test
	void theSameSeedGivesTheSameLogAndAnotherSeedAnother() throws IOException {
		assertEquals(generate(4, false), generate(4, false));
		assertNotEquals(generate(4, false), generate(5, false));
	}

	@Test
	void aLogHasTheAskedEventsInTimeOrderWithAShopsMix() throws IOException {
		List<String> lines = generate(4, false).lines().toList();
		assertEquals(SyntheticEventLog.CSV_HEADER, lines.get(0));
		assertEquals(5_000, lines.size() - 1);
		long previous = Long.MIN_VALUE;
		Set<String> customers = new HashSet<>();
		for (String line : lines.subList(1, lines.size())) {
			String[] cells = line.split(",", -1);
			long at = Instant.parse(cells[1]).toEpochMilli();
			assertTrue(at >= previous, "out of order: " + line);
			previous = at;
			customers.add(cells[0]);
		}
		Map<String, Long> types = lines.subList(1, lines.size()).stream().map(line -> line.split(",")[2])
				.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
		assertTrue(types.get("product_view") > types.get("cart_add"), types.toString());
		assertTrue(types.get("cart_add") > types.get("purchase"), types.toString());
		assertTrue(types.get("favourite") > 0 && types.get("purchase") > 0, types.toString());
		assertTrue(customers.size() > 100, "customers: " + customers.size());
	}

	@Test
	void jsonLinesCarryTheSameEvents() throws IOException {
		List<String> json = generate(4, true).lines().toList();
		assertEquals(5_000, json.size());
		assertTrue(json.get(0).startsWith("{\"customer\":\"c"), json.get(0));
	}
}
