package io.itinera.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayEndTest {
	private static final long MINUTE = 60_000;

	@TempDir
	Path dir;

	private Path log(String... times) throws IOException {
		StringBuilder lines = new StringBuilder();
		for (int i = 0; i < times.length; i++) {
			lines.append("{\"customer\":\"c").append(i % 2 == 0 ? "1" : "2").append("\",\"time\":\"").append(times[i])
					.append("\",\"type\":\"product_view\",\"productId\":\"p\",\"category\":\"home\",\"price\":1.0}\n");
		}
		return Files.writeString(dir.resolve("log.jsonl"), lines);
	}

	@Test
	void aLogInTimeOrderWithinTheLatenessPasses() throws IOException {
		Path log = log("2026-01-01T10:00:00Z", "2026-01-01T10:05:00Z", "2026-01-01T10:04:30Z", "2026-01-01T11:00:00Z");
		ReplayEnd.Scan scan = ReplayEnd.scan(List.of(log.toString()), io.itinera.runtime.io.EventSchema.of(FlinkFixtures.cartRecovery()), FlinkFixtures.MAPPING, MINUTE);
		assertNull(scan.outOfOrder());
		assertEquals(Instant.parse("2026-01-01T11:00:00Z").toEpochMilli(), scan.latest());
		assertEquals(4, scan.lines());
	}

	@Test
	void aLogGroupedByCustomerIsFoundAtItsFirstLateLine() throws IOException {
		// one customer's day, then the next customer's day from its start: fine for run, not for a watermark
		Path log = log("2026-01-01T10:00:00Z", "2026-01-01T18:00:00Z", "2026-01-01T09:00:00Z", "2026-01-01T19:00:00Z");
		ReplayEnd.Scan scan = ReplayEnd.scan(List.of(log.toString()), io.itinera.runtime.io.EventSchema.of(FlinkFixtures.cartRecovery()), FlinkFixtures.MAPPING, MINUTE);
		assertNotNull(scan.outOfOrder());
		assertEquals(3, scan.outOfOrder().line());
		String message = scan.outOfOrder().describe(MINUTE);
		assertTrue(message.startsWith(log + ":3: "), message);
		assertTrue(message.contains("itinera run"), message);
	}
}
