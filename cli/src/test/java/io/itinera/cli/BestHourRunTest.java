package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.itinera.runtime.io.JsonLinesOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code send … at best hour} on the hosts: {@code run} and {@code simulate} over one log send each
 * customer's message at the start of the hour they opened in on 5 days (UTC, no timezone attribute),
 * a customer with no opens at the fallback 10:00 (the replay runs on to the end of that day with {@code --to}, so
 * the held messages' timers fire), and both write the same actions and suppressions; {@code explain} says why it waited.
 */
class BestHourRunTest {
	/** The journey of this test and of {@link BestHourEveryHostTest}. */
	static final String JOURNEY = """
			journey WeeklyTip "A tip for new members, at the hour each one reads" {
			  entry on signup -> Member
			  event signup { plan: string }
			  event open { }
			  event click { }
			  stage Member { }
			  campaign Tips in Member {
			    quiet hours 22:00 - 07:00
			    rule "Tip" otherwise then send email "weekly_tip" at best hour fallback 10:00
			  }
			}
			""";

	@TempDir
	Path dir;

	@Test
	void runAndSimulateSendAtEachCustomersHourAndAgree() throws IOException {
		Path journey = dir.resolve("weekly-tip.journey");
		Files.writeString(journey, JOURNEY);
		List<String> rows = new ArrayList<>();
		Map<String, String> expected = new HashMap<>();
		for (int i = 0; i < 40; i++) {
			String customer = "c" + i;
			int peak = 8 + i % 13;
			if (i % 10 != 9) {
				for (int day = 1; day <= 5; day++) {
					rows.add(customer + ",2026-03-0" + day + "T" + two(peak) + ":15:00Z,open,");
					rows.add(customer + ",2026-03-0" + day + "T" + two(peak) + ":40:00Z,click,"); // the same hour: counted once
				}
				rows.add(customer + ",2026-03-03T" + two((peak + 6) % 24) + ":10:00Z,open,");
				expected.put(customer, "2026-03-07T" + two(peak) + ":00:00Z");
			} else {
				expected.put(customer, "2026-03-07T10:00:00Z"); // no opens: the fallback
			}
			rows.add(customer + ",2026-03-07T03:30:00Z,signup,free");
		}
		Collections.shuffle(rows, new java.util.Random(3));
		rows.add(0, "customer,time,type,plan");
		Path log = dir.resolve("log.csv");
		Files.write(log, rows);

		Path ran = dir.resolve("run");
		Path simulated = dir.resolve("simulate");
		InProcessCli.succeedingTranscript("run", journey.toString(), "--events", log.toString(), "--out", ran.toString(), "--to",
				"2026-03-08T00:00:00Z", "--no-progress");
		InProcessCli.succeedingTranscript("simulate", journey.toString(), "--events", log.toString(), "--out", simulated.toString(),
				"--to", "2026-03-08T00:00:00Z", "--no-progress");

		ObjectMapper json = new ObjectMapper();
		Map<String, String> sent = new HashMap<>();
		for (String line : Files.readAllLines(ran.resolve(JsonLinesOutput.ACTIONS))) {
			JsonNode action = json.readTree(line);
			sent.put(action.get("customer").asText(), action.get("time").asText());
		}
		assertEquals(expected, sent);
		List<String> held = Files.readAllLines(ran.resolve(JsonLinesOutput.SUPPRESSIONS));
		assertEquals(40, held.stream().filter(l -> l.contains("\"outcome\":\"HELD_FOR_BEST_HOUR\"")).count(), String.join("\n", held));
		assertTrue(Instant.parse(expected.get("c0")).isAfter(Instant.parse("2026-03-07T03:30:00Z")));
		assertEquals(sorted(ran.resolve(JsonLinesOutput.ACTIONS)), sorted(simulated.resolve(JsonLinesOutput.ACTIONS)));
		assertEquals(sorted(ran.resolve(JsonLinesOutput.SUPPRESSIONS)), sorted(simulated.resolve(JsonLinesOutput.SUPPRESSIONS)));

		String timeline = InProcessCli.succeeding("explain", "c0", "--out", simulated.toString());
		assertTrue(timeline.contains("best hour of the customer (or the fallback time): until 2026-03-07"), timeline);
		assertTrue(timeline.contains("released: the customer's best hour"), timeline);
	}

	private static String two(int hour) {
		return hour < 10 ? "0" + hour : Integer.toString(hour);
	}

	private static List<String> sorted(Path file) throws IOException {
		List<String> lines = new ArrayList<>(Files.readAllLines(file));
		Collections.sort(lines);
		return lines;
	}
}
