package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.io.JsonLinesOutput;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broadcast test: 100,000 customers in a run's state (about 13 s on a quiet 2-core machine; the same test
 * with 10,000 runs first), in eight time zones, 60% of them in the
 * segment; a Monday 10:00 broadcast fires for each at 10:00 their time, and the run is killed (SIGKILL) while
 * the sends are being written and started again with the same command. Each customer in the segment gets the
 * broadcast exactly once, at Monday 10:00 in their zone (counted here with java.time, across the US clock change
 * of the day before), and no one outside it gets it. Simulate gives the same sends from the same log.
 * {@code mvn -B -o -pl cli -am test -Dtest=BroadcastKillAt100kTest -Dsurefire.failIfNoSpecifiedTests=false}
 */
class BroadcastKillAt100kTest {
	private static final LocalDate MONDAY = LocalDate.parse("2025-03-10");
	private static final List<String> ZONES = List.of("Europe/Berlin", "Europe/London", "America/New_York", "America/Chicago",
			"America/Los_Angeles", "Asia/Tokyo", "Asia/Kolkata", "Australia/Sydney");
	private static final String JOURNEY = """
			journey MondayNews {
			  entry on signup -> Reader
			  customer { timezone: string  newsletter: string }
			  event signup { newsletter: string  timezone: string }
			  event visit { page: string }
			  segment Readers "Asked for the newsletter" = newsletter == "yes"
			  broadcast Weekly "Monday news" {
			    every monday 10:00 to segment Readers
			    send email "weekly"
			  }
			  stage Reader { }
			}
			""";
	private static final Pattern SEND = Pattern.compile("\"id\":\"([^\"]+)\",\"customer\":\"([^\"]+)\",\"time\":\"([^\"]+)\"");

	@TempDir
	Path dir;

	@Test
	void tenThousandCustomers() throws Exception {
		eachReaderGetsMondaysBroadcastOnceThroughAKillAndARestart(10_000);
	}

	@Test
	void aHundredThousandCustomers() throws Exception {
		eachReaderGetsMondaysBroadcastOnceThroughAKillAndARestart(100_000);
	}

	private void eachReaderGetsMondaysBroadcastOnceThroughAKillAndARestart(int customers) throws Exception {
		long started = System.nanoTime();
		Path journey = Files.writeString(dir.resolve("monday.journey"), JOURNEY);
		Path plan = dir.resolve("plan.json");
		InProcessCli.succeeding("compile", journey.toString(), "-o", plan.toString());
		Map<String, Instant> expected = new HashMap<>(); // reader -> Monday 10:00 in their zone
		Path log = log(customers, expected);

		Path out = dir.resolve("out");
		Process process = BroadcastKillAndRestartTest.run(plan, log, out, 2000).start();
		Path actions = out.resolve(JsonLinesOutput.ACTIONS);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
		while (process.isAlive() && lines(actions) < expected.size() / 3 && System.nanoTime() < deadline) {
			Thread.sleep(5);
		}
		assertTrue(process.isAlive(), "the run ended before it could be killed");
		process.destroyForcibly();
		assertTrue(process.waitFor(30, TimeUnit.SECONDS));
		long killedAt = System.nanoTime();
		long sentBeforeTheKill = lines(actions);
		assertTrue(sentBeforeTheKill > 0 && sentBeforeTheKill < expected.size(), "killed while sending: " + sentBeforeTheKill);

		String restarted = BroadcastKillAndRestartTest.finish(BroadcastKillAndRestartTest.run(plan, log, out, 2000));
		assertTrue(restarted.contains("Resumed after line"), restarted);
		List<String> sends = Files.readAllLines(actions);
		Map<String, Instant> sent = new HashMap<>();
		java.util.Set<String> ids = new java.util.HashSet<>();
		for (String line : sends) {
			Matcher send = SEND.matcher(line);
			assertTrue(send.find() && line.contains("\"target\":\"weekly\""), line);
			assertTrue(ids.add(send.group(1)), "action written twice: " + line);
			assertEquals(null, sent.put(send.group(2), Instant.parse(send.group(3))), "sent twice to " + send.group(2));
		}
		assertEquals(expected.size(), sent.size(), "one send per reader, none to the others");
		assertEquals(expected, sent);

		long restartedAt = System.nanoTime();
		Path simulated = dir.resolve("simulated");
		InProcessCli.succeeding("simulate", plan.toString(), "--events", log.toString(), "--out", simulated.toString(), "--no-progress");
		assertEquals(sends.stream().sorted().toList(), Files.readAllLines(simulated.resolve(JsonLinesOutput.ACTIONS)).stream().sorted()
				.toList(), "simulate sends what run sent");
		System.out.printf("%,d customers, %,d sends: killed after %.1f s (%,d sends written), restart finished %.1f s later, "
				+ "simulate %.1f s%n", customers, sends.size(), (killedAt - started) / 1e9, sentBeforeTheKill,
				(restartedAt - killedAt) / 1e9, (System.nanoTime() - restartedAt) / 1e9);
	}

	/**
	 * Signups from Tuesday to Sunday (60% to the newsletter), then a fifth as many visits through Monday, in time
	 * order; the readers and the instant each should get Monday's broadcast go to {@code readers}.
	 */
	private Path log(int customers, Map<String, Instant> readers) throws IOException {
		Random random = new Random(24);
		Instant from = MONDAY.minusDays(6).atStartOfDay(ZoneId.of("UTC")).toInstant();
		List<Object[]> events = new ArrayList<>();
		for (int c = 0; c < customers; c++) {
			Instant signup = from.plusSeconds(random.nextInt(5 * 86_400));
			String zone = ZONES.get(c % ZONES.size());
			boolean reader = random.nextInt(10) < 6;
			events.add(new Object[] { signup, "{\"customer\":\"c" + c + "\",\"type\":\"signup\",\"time\":\"" + signup
					+ "\",\"newsletter\":\"" + (reader ? "yes" : "no") + "\",\"timezone\":\"" + zone + "\"}" });
			if (reader) {
				readers.put("c" + c, ZonedDateTime.of(MONDAY, LocalTime.of(10, 0), ZoneId.of(zone)).toInstant());
			}
		}
		Instant mondayUtc = MONDAY.atStartOfDay(ZoneId.of("UTC")).toInstant();
		Instant first = readers.values().stream().min(Instant::compareTo).orElseThrow();
		for (int v = 0; v < customers / 5; v++) { // from the first zone's Monday 10:00 to the last's, time moves in small steps
			Instant at = first.minusSeconds(3_600).plusSeconds(random.nextInt(26 * 3_600));
			events.add(new Object[] { at, "{\"customer\":\"c" + random.nextInt(customers) + "\",\"type\":\"visit\",\"time\":\"" + at
					+ "\",\"page\":\"home\"}" });
		}
		Instant end = mondayUtc.plusSeconds(86_400);
		events.add(new Object[] { end, "{\"customer\":\"zz-end\",\"type\":\"visit\",\"time\":\"" + end + "\",\"page\":\"home\"}" });
		events.sort((a, b) -> ((Instant) a[0]).compareTo((Instant) b[0]));
		Path log = dir.resolve("events.jsonl");
		try (Writer out = Files.newBufferedWriter(log)) {
			for (Object[] event : events) {
				out.write((String) event[1]);
				out.write('\n');
			}
		}
		return log;
	}

	private static long lines(Path file) throws IOException {
		if (!Files.exists(file)) {
			return 0;
		}
		long size = Files.size(file);
		return size / 200; // a send's line is a little over 200 bytes: enough to tell a third from the end
	}
}
