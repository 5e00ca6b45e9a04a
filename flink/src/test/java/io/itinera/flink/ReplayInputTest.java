package io.itinera.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.io.BadLineException;
import io.itinera.runtime.io.ColumnMapping;
import io.itinera.runtime.io.EventSchema;
import io.itinera.runtime.io.JsonLinesEventParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayInputTest {
	private static final long MINUTE = 60_000;
	private static final long DAY = 86_400_000;

	@TempDir
	Path dir;

	private static String line(int customer, String time) {
		return "{\"customer\":\"c" + customer + "\",\"time\":\"" + time
				+ "\",\"type\":\"product_view\",\"productId\":\"p\",\"category\":\"home\",\"price\":1.0}";
	}

	private Path log(String... times) throws IOException {
		StringBuilder lines = new StringBuilder();
		for (int i = 0; i < times.length; i++) {
			lines.append(line(i % 2 == 0 ? 1 : 2, times[i])).append('\n');
		}
		return Files.writeString(dir.resolve("log.jsonl"), lines);
	}

	private ReplayInput prepare(Path log, Long endAt) throws IOException {
		return prepare(log, endAt, false);
	}

	private ReplayInput prepare(Path log, Long endAt, boolean keepParsed) throws IOException {
		return ReplayInput.prepare(List.of(log.toString()), EventSchema.of(FlinkFixtures.cartRecovery()), FlinkFixtures.MAPPING, MINUTE,
				DAY, endAt, dir.resolve("out").resolve(ReplayInput.SORT_FOLDER), keepParsed);
	}

	@Test
	void aLocalReplayReadsTheLogAsItsFirstPassParsedIt() throws Exception {
		String favourite = line(2, "2026-01-01T10:01:00Z").replace("product_view", "favourite");
		List<String> lines = List.of(line(1, "2026-01-01T10:00:00Z"), "not json", favourite, "", line(2, "2026-01-01T10:02:00Z"));
		Path log = Files.writeString(dir.resolve("log.jsonl"), String.join("\n", lines) + "\n");
		Path copy;
		try (ReplayInput replay = prepare(log, null, true)) {
			assertNull(replay.orderNote());
			JourneyJob.Input input = replay.input(JourneyJob.Input.files(List.of(log.toString())));
			assertTrue(input.parsed());
			copy = Path.of(input.files().get(0));
			List<NumberedLine> read = new ArrayList<>();
			try (var reader = new ParsedLog.Format().createReader(new org.apache.flink.configuration.Configuration(),
					new org.apache.flink.core.fs.local.LocalDataInputStream(copy.toFile()))) {
				for (NumberedLine line = reader.read(); line != null; line = reader.read()) {
					read.add(line);
				}
			}
			// the bad line as its text (the job's parser makes its dead letter), the mapping's skipped line left out
			assertEquals(List.of(1L, 2L, 5L), read.stream().map(line -> line.line).toList());
			assertEquals("not json", read.get(1).text);
			JsonLinesEventParser parser = new JsonLinesEventParser(ColumnMapping.parse(FlinkFixtures.MAPPING),
					EventSchema.of(FlinkFixtures.cartRecovery()), io.itinera.runtime.io.TimeWindow.startingNow());
			for (int i : new int[] {0, 2}) {
				EventRecord expected = EventLines.record(parser.parse(lines.get(i == 0 ? 0 : 4)), read.get(i).line);
				EventRecord event = read.get(i).event;
				assertEquals(expected.customerId, event.customerId);
				assertEquals(expected.at, event.at);
				assertEquals(expected.line, event.line);
				org.junit.jupiter.api.Assertions.assertArrayEquals(expected.event, event.event);
			}
		}
		assertFalse(Files.exists(copy), "the parsed log is removed after the job");
	}

	@Test
	void aLogOutOfOrderIsSortedEvenWhenTheFirstPassKeptWhatItParsed() throws IOException {
		Path log = log("2026-01-01T10:00:00Z", "2026-01-01T12:00:00Z", "2026-01-01T09:00:00Z");
		try (ReplayInput replay = prepare(log, null, true)) {
			JourneyJob.Input input = replay.input(JourneyJob.Input.files(List.of(log.toString())));
			assertFalse(input.parsed());
			assertTrue(input.numbersCarried());
			assertFalse(Files.exists(dir.resolve("out").resolve(ReplayInput.SORT_FOLDER).resolve("input.parsed")));
		}
	}

	@Test
	void aLogInTimeOrderWithinTheLatenessIsReadAsItIs() throws IOException {
		Path log = log("2026-01-01T10:00:00Z", "2026-01-01T10:05:00Z", "2026-01-01T10:04:30Z", "2026-01-01T11:00:00Z");
		try (ReplayInput replay = prepare(log, null)) {
			assertNull(replay.orderNote());
			assertEquals(4, replay.lines());
			JourneyJob.Input given = JourneyJob.Input.files(List.of(log.toString()));
			assertEquals(given, replay.input(given));
			JobSettings settings = replay.applyTo(FlinkFixtures.settings());
			assertEquals(Instant.parse("2026-01-01T11:00:00Z").toEpochMilli(), settings.replayEnd());
			assertEquals(Long.MAX_VALUE, settings.eventTimes().logReaches());
		}
		assertFalse(Files.exists(dir.resolve("out")), "no copy for a log in order");
	}

	@Test
	void theFirstPassChecksFieldsSoALineWithABadFieldEndsNothing() throws IOException {
		// the last line's price is no number: a dead letter for the job, so no event for the first pass either
		Path log = Files.writeString(dir.resolve("log.jsonl"), String.join("\n", line(1, "2026-01-01T10:00:00Z"),
				line(2, "2026-01-01T11:00:00Z"), line(1, "2026-01-01T12:00:00Z").replace("\"price\":1.0", "\"price\":\"lots\"")) + "\n");
		try (ReplayInput replay = prepare(log, null)) {
			assertEquals(3, replay.lines());
			assertEquals(Instant.parse("2026-01-01T11:00:00Z").toEpochMilli(), replay.applyTo(FlinkFixtures.settings()).replayEnd());
		}
		assertEquals(Instant.parse("2026-01-01T11:00:00Z").toEpochMilli(), FlinkFixtures.latestEventTime(log));
	}

	@Test
	void aLogGroupedByCustomerIsHandedOnSortedByTimeWithItsLineNumbers() throws IOException {
		// one customer's day, then the next customer's day from its start: fine for run, not for a watermark
		Path log = Files.writeString(dir.resolve("log.jsonl"), String.join("\n", line(1, "2026-01-01T10:00:00Z"),
				line(1, "2026-01-01T18:00:00Z"), "not json", "", line(2, "2026-01-01T09:00:00Z"), line(2, "2026-01-01T19:00:00Z")) + "\n");
		Path copy;
		try (ReplayInput replay = prepare(log, null)) {
			assertNotNull(replay.orderNote());
			assertTrue(replay.orderNote().contains("log.jsonl:5 at 2026-01-01T09:00:00Z"), replay.orderNote());
			JourneyJob.Input input = replay.input(JourneyJob.Input.files(List.of(log.toString())));
			assertTrue(input.numbersCarried());
			copy = Path.of(input.files().get(0));
			assertEquals(dir.resolve("out").resolve(ReplayInput.SORT_FOLDER).resolve("input.jsonl"), copy);
			List<String> numbers = new ArrayList<>();
			for (String line : Files.readAllLines(copy)) {
				numbers.add(line.substring(0, line.indexOf('\t')));
			}
			// the bad line first (it is no event), then the events by time
			assertEquals(List.of("3", "5", "1", "2", "6"), numbers);
			assertEquals("3\tnot json", Files.readAllLines(copy).get(0));
			assertEquals(5, replay.lines());
		}
		assertFalse(Files.exists(copy), "the copy is removed after the job");
		assertFalse(Files.exists(copy.getParent()));
	}

	@Test
	void aLineFarBeyondTheRestEndsNothingAndIsRefusedByTheJobsParser() throws IOException {
		List<String> lines = new ArrayList<>();
		Instant start = Instant.parse("2026-03-01T00:00:00Z");
		for (int i = 0; i < 1_500; i++) {
			lines.add(line(i % 20, start.plusSeconds(60L * i).toString()));
		}
		lines.add(700, line(3, "2026-06-01T00:00:00Z")); // a typo month, inside the plausible window
		Path log = Files.writeString(dir.resolve("log.jsonl"), String.join("\n", lines) + "\n");
		try (ReplayInput replay = prepare(log, null)) {
			JobSettings settings = replay.applyTo(FlinkFixtures.settings());
			long rest = start.plusSeconds(60L * 1_499).toEpochMilli();
			assertEquals(rest, settings.replayEnd());
			assertEquals(rest, settings.eventTimes().logReaches());
			assertTrue(replay.endNote().contains("line 701 (2026-06-01T00:00:00Z)"), replay.endNote());
			assertNotNull(replay.orderNote(), "the lines after the typo are earlier than it: the copy is sorted");
			JsonLinesEventParser parser = new JsonLinesEventParser(ColumnMapping.parse(FlinkFixtures.MAPPING),
					EventSchema.of(FlinkFixtures.cartRecovery()), settings.eventTimes().window());
			BadLineException refused = assertThrows(BadLineException.class, () -> parser.parse(lines.get(700)));
			assertTrue(refused.getMessage().contains("more than --max-skew 1d after the rest of the log"), refused.getMessage());
		}
		try (ReplayInput replay = prepare(log, Instant.parse("2026-12-01T00:00:00Z").toEpochMilli())) {
			assertEquals(Long.MAX_VALUE, replay.applyTo(FlinkFixtures.settings()).eventTimes().logReaches(), "--end-at: no line refused");
		}
	}
}
