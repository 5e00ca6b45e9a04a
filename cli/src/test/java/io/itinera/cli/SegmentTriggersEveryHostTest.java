package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.kafka.testing.InProcessKafka;
import io.itinera.runtime.io.JsonLinesOutput;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code entry on segment} and {@code on entering|leaving segment} (the sample
 * {@code journeys/segments-winback.journey}, whose segments change with time alone: "no order for 60
 * days", "over 200 spent in 90 days") on every host ({@link EveryHost}): {@code run}, {@code simulate},
 * {@code flink --local}, {@code run --kafka} and {@code serve --clock event} over one log of orders give
 * the same actions, stage changes and suppressions; the live hosts fire the time-based segments' timers
 * as the customers' own later orders pass them. (Journey tests against {@code run}:
 * {@code SegmentTriggersEquivalenceTest} in the flink module.)
 */
class SegmentTriggersEveryHostTest {
	private static final Path JOURNEY = Path.of("..", "journeys", "segments-winback.journey").toAbsolutePath().normalize();
	private static final Instant START = Instant.parse("2025-01-06T10:00:00Z");
	private static final Instant END = Instant.parse("2025-12-29T10:00:00Z");

	@TempDir
	Path dir;
	static InProcessKafka kafka;

	@BeforeAll
	static void startKafka() {
		kafka = InProcessKafka.start();
	}

	@AfterAll
	static void stopKafka() {
		if (kafka != null) {
			kafka.close();
		}
	}

	@Test
	void everyHostEntersAndLeavesTheSegmentsAlike() throws Exception {
		EveryHost.Outputs outputs = EveryHost.agree(JOURNEY, orders(), dir, kafka);
		for (String host : List.of("run", "serve")) {
			List<String> changes = outputs.of(host, JsonLinesOutput.STAGE_CHANGES);
			for (String cause : List.of("entry:segment Dormant", "segment:leaving Dormant", "segment:entering VIP", "segment:leaving VIP",
					"segment:entering Dormant", "timer:after 30 days")) {
				assertTrue(changes.stream().anyMatch(c -> c.contains("\"cause\":\"" + cause + "\"")), host + "'s log exercises " + cause);
			}
		}
		for (String template : List.of("winback", "winback_coupon", "welcome_back", "vip_thanks")) {
			assertTrue(outputs.of("kafka", JsonLinesOutput.ACTIONS).stream().anyMatch(a -> a.contains("\"target\":\"" + template + "\"")),
					"the live hosts send " + template);
		}
		assertTrue(outputs.of("run", JsonLinesOutput.SUPPRESSIONS).stream().anyMatch(s -> s.contains("\"cap\"")), "a cap suppresses");
	}

	/** 120 customers, 1 to 5 orders each, 5 to 120 days apart (whole minutes); one customer orders at the end. */
	private static List<String> orders() {
		Random random = new Random(24);
		List<String> lines = new ArrayList<>();
		for (int c = 0; c < 120; c++) {
			Instant at = START.plusSeconds(60L * random.nextInt(60 * 24 * 30));
			int count = 1 + random.nextInt(5);
			for (int o = 0; o < count && at.isBefore(END); o++) {
				lines.add(order("c" + c, "o" + c + "-" + o, at, 10 + random.nextInt(19) * 10));
				at = at.plusSeconds(86_400L * (5 + random.nextInt(116)) + 60L * random.nextInt(600));
			}
		}
		lines.add(order("zz-end", "end", END, 10));
		return lines;
	}

	private static String order(String customer, String id, Instant at, int amount) {
		return "{\"customer\":\"" + customer + "\",\"type\":\"order\",\"time\":\"" + at + "\",\"orderId\":\"" + id + "\",\"amount\":"
				+ amount + "}";
	}
}
