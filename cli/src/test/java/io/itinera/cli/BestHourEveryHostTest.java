package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.itinera.runtime.io.JsonLinesOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code send … at best hour} on every host ({@link EveryHost}): {@code run}, {@code simulate},
 * {@code flink --local}, {@code run --kafka} and {@code serve --clock event} hold each customer's
 * message from their signup at 03:30 to the start of the hour they opened in on 5 days (a customer with
 * no opens: the fallback 10:00), and write the same sends and the same held and released notices. Each
 * customer's last event comes after that hour, so the live hosts release every message too.
 * ({@code BestHourRunTest}: {@code explain} and the plain {@code run} case.)
 */
class BestHourEveryHostTest {

	@TempDir
	Path dir;

	@RegisterExtension
	static final EveryHost.Broker BROKER = new EveryHost.Broker();

	@Test
	void everyHostSendsAtEachCustomersHour() throws Exception {
		Path journey = Files.writeString(dir.resolve("weekly-tip.journey"), BestHourRunTest.JOURNEY);
		List<String> lines = new ArrayList<>();
		Map<String, String> expected = new HashMap<>();
		for (int i = 0; i < 30; i++) {
			String customer = "c" + i;
			int peak = 8 + i % 13;
			if (i % 10 != 9) {
				for (int day = 1; day <= 5; day++) {
					lines.add(event(customer, "2026-03-0" + day + "T" + two(peak) + ":15:00Z", "open"));
					lines.add(event(customer, "2026-03-0" + day + "T" + two(peak) + ":40:00Z", "click")); // the same hour: counted once
				}
				lines.add(event(customer, "2026-03-03T" + two((peak + 6) % 24) + ":10:00Z", "open"));
				expected.put(customer, "2026-03-07T" + two(peak) + ":00:00Z");
			} else {
				expected.put(customer, "2026-03-07T10:00:00Z"); // no opens: the fallback
			}
			lines.add("{\"customer\":\"" + customer + "\",\"time\":\"2026-03-07T03:30:00Z\",\"type\":\"signup\",\"plan\":\"free\"}");
			// after every held send, so the live hosts release it too (its own send is held to the next day, past the end)
			lines.add(event(customer, "2026-03-07T23:00:00Z", "click"));
		}

		EveryHost.Outputs outputs = EveryHost.agree(journey, lines, dir, BROKER.kafka());
		for (String host : List.of("run", "flink", "kafka", "serve")) {
			Map<String, String> sent = new HashMap<>();
			for (String action : outputs.of(host, JsonLinesOutput.ACTIONS)) {
				sent.put(EveryHost.field(action, "customer"), EveryHost.field(action, "time"));
			}
			assertEquals(expected, sent, host + "'s sends");
			assertEquals(30, outputs.of(host, JsonLinesOutput.SUPPRESSIONS).stream()
					.filter(line -> line.contains("\"outcome\":\"HELD_FOR_BEST_HOUR\"") && line.contains("\"time\":\"2026-03-07T03:30:00Z\""))
					.count(), host + "'s held notices of the signups' sends");
		}
	}

	private static String event(String customer, String time, String type) {
		return "{\"customer\":\"" + customer + "\",\"time\":\"" + time + "\",\"type\":\"" + type + "\"}";
	}

	private static String two(int hour) {
		return hour < 10 ? "0" + hour : Integer.toString(hour);
	}
}
