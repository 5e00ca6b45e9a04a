package io.itinera.runtime.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.io.DeadLetter;
import io.itinera.runtime.io.SourceRecord;
import io.itinera.runtime.step.Event;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SortedLogTest {
	@TempDir
	Path dir;

	/** 2,000 lines of 30 customers, with times that repeat, a few dead letters and skipped lines, in a random order. */
	private static List<SourceRecord> shuffledLog(long seed) {
		Random random = new Random(seed);
		List<SourceRecord> records = new ArrayList<>();
		for (int line = 1; line <= 2_000; line++) {
			if (line % 97 == 0) {
				records.add(new SourceRecord(line, null, new DeadLetter(line, "bad", "x".repeat(line % 5))));
			} else if (line % 101 == 0) {
				records.add(new SourceRecord(line, null, null));
			} else {
				records.add(new SourceRecord(line, new Event("c" + random.nextInt(30), 1_000L * random.nextInt(50),
						random.nextBoolean() ? "view" : "cart", Map.of("price", (double) random.nextInt(3), "sku", "s" + random.nextInt(2))),
						null));
			}
		}
		Collections.shuffle(records, random);
		return records;
	}

	@Test
	void runsSpilledToDiskMergeIntoTheOrderOfAnInMemorySortAndKeepTheirLines() throws IOException {
		List<SourceRecord> log = shuffledLog(1);
		List<SourceRecord> expected = new ArrayList<>(log);
		expected.sort(SortedLog.BY_CUSTOMER);
		Path folder = dir.resolve("runs");
		List<SourceRecord> merged = new ArrayList<>();
		try (SortedLog sorted = SortedLog.sort(new RecordList(log), folder, 128)) {
			assertEquals(16, sorted.spilledRuns());
			assertEquals(2_000, sorted.size());
			SourceRecord record;
			while ((record = sorted.next()) != null) {
				merged.add(record);
			}
			assertEquals(2_000, sorted.position());
		}
		assertFalse(Files.exists(folder), "the sorted runs are removed once read");
		assertEquals(expected, merged);
		assertTrue(merged.get(0).event() == null && merged.get(merged.size() - 1).event() != null, "lines that are no events first");
		for (int i = 1; i < merged.size(); i++) {
			Event a = merged.get(i - 1).event();
			Event b = merged.get(i).event();
			if (a != null && b != null && a.customerId().equals(b.customerId())) {
				assertTrue(a.at() <= b.at(), "each customer's events in time order");
			}
		}
	}

	@Test
	void byTimeTheWholeLogComesInTimeOrderWithTheLinesTextKept() throws IOException {
		List<SourceRecord> log = new ArrayList<>();
		for (SourceRecord record : shuffledLog(5)) {
			log.add(new SourceRecord(record.lineNumber(), record.event(), record.deadLetter(), "line " + record.lineNumber()));
		}
		List<SourceRecord> expected = new ArrayList<>(log);
		expected.sort(SortedLog.BY_TIME);
		List<SourceRecord> merged = new ArrayList<>();
		try (SortedLog sorted = SortedLog.sort(new RecordList(log), dir.resolve("by-time"), 128, SortedLog.BY_TIME)) {
			assertTrue(sorted.spilledRuns() > 1);
			SourceRecord record;
			while ((record = sorted.next()) != null) {
				merged.add(record);
			}
		}
		assertEquals(expected, merged);
		for (int i = 1; i < merged.size(); i++) {
			SourceRecord a = merged.get(i - 1);
			SourceRecord b = merged.get(i);
			assertEquals("line " + b.lineNumber(), b.text(), "the text travels through the runs on disk");
			if (a.event() != null && b.event() != null) {
				assertTrue(a.event().at() < b.event().at() || a.event().at() == b.event().at()
						&& a.event().customerId().compareTo(b.event().customerId()) <= 0, "by time, then customer");
			}
		}
	}

	@Test
	void theSameEventsInAnyOrderOfLinesSortIntoTheSameEvents() throws IOException {
		List<SourceRecord> log = shuffledLog(2);
		List<SourceRecord> other = new ArrayList<>(log);
		Collections.shuffle(other, new Random(3));
		assertEquals(events(log), events(other));
	}

	@Test
	void aResumedReadSkipsTheRecordsAlreadyReturned() throws IOException {
		List<SourceRecord> log = shuffledLog(4);
		List<SourceRecord> whole = new ArrayList<>();
		try (SortedLog sorted = SortedLog.sort(new RecordList(log), dir.resolve("a"), 300)) {
			SourceRecord record;
			while ((record = sorted.next()) != null) {
				whole.add(record);
			}
		}
		try (SortedLog sorted = SortedLog.sort(new RecordList(log), dir.resolve("b"), 300)) {
			sorted.resumeAt(1_234, 1_234);
			assertEquals(whole.get(1_234), sorted.next());
			assertEquals(1_235, sorted.lineNumber());
		}
	}

	private List<Event> events(List<SourceRecord> log) throws IOException {
		List<Event> events = new ArrayList<>();
		try (SortedLog sorted = SortedLog.sort(new RecordList(log), dir.resolve("events"), 500)) {
			SourceRecord record;
			while ((record = sorted.next()) != null) {
				if (record.event() != null) {
					events.add(record.event());
				}
			}
		}
		return events;
	}
}
