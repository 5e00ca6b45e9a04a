package io.itinera.runtime.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.io.SourceRecord;
import io.itinera.runtime.step.Event;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogScanTest {
	private static final long MINUTE = 60_000;
	private static final long DAY = 86_400_000;

	private static SourceRecord event(long line, String customer, long at) {
		return new SourceRecord(line, new Event(customer, at, "view", Map.of()), null);
	}

	private static LogScan scan(long lateness, SourceRecord... records) throws IOException {
		return LogScan.of(new RecordList(List.of(records)), lateness);
	}

	@Test
	void customersInterleavedInAnyOrderAreInOrderWhileEachCustomersOwnTimesAre() throws IOException {
		assertNull(scan(MINUTE, event(1, "a", 10 * MINUTE), event(2, "b", 0), event(3, "a", 11 * MINUTE), event(4, "b", MINUTE))
				.disorder());
		assertNull(scan(MINUTE, event(1, "a", 10 * MINUTE), event(2, "a", 10 * MINUTE - 30_000)).disorder(), "within the lateness");
	}

	@Test
	void anEventBeforeItsCustomersLaterOneByTheLatenessIsDisorder() throws IOException {
		LogScan.Disorder disorder = scan(MINUTE, event(1, "a", 10 * MINUTE), event(2, "b", 0), event(3, "a", 9 * MINUTE)).disorder();
		assertNotNull(disorder);
		assertEquals(3, disorder.line());
		assertEquals("a", disorder.customerId());
		assertEquals(10 * MINUTE, disorder.customerReached());
		assertNotNull(scan(0, event(1, "a", MINUTE), event(2, "a", MINUTE)).disorder(), "at lateness 0 a tie decides by its line");
	}

	@Test
	void aFewLinesFarBeyondTheRestAreRefusedAndTheEndIsTheRest() throws IOException {
		List<SourceRecord> log = new ArrayList<>();
		for (int i = 1; i <= 3_000; i++) {
			log.add(event(i, "c" + i % 100, i * MINUTE));
		}
		log.add(event(3_001, "c1", 4 * 365 * DAY));
		log.add(event(3_002, "c2", 4 * 365 * DAY + 5 * DAY));
		LogScan scan = LogScan.of(new RecordList(log), MINUTE);
		LogScan.End end = scan.end(DAY);
		assertEquals(3_000 * MINUTE, end.at());
		assertEquals(3_000, end.line());
		assertEquals(List.of(3_002L, 3_001L), end.beyond().stream().map(LogScan.Moment::line).toList());
		assertTrue(scan.end(Long.MAX_VALUE).beyond().isEmpty(), "no refusal when the replay has its own end");
	}

	@Test
	void aTailOfMoreThanOneEventInAThousandIsPartOfTheLog() throws IOException {
		List<SourceRecord> log = new ArrayList<>();
		for (int i = 1; i <= 3_000; i++) {
			log.add(event(i, "c" + i % 100, i * MINUTE));
		}
		for (int i = 1; i <= 4; i++) {
			log.add(event(3_000 + i, "c" + i, 30 * DAY + i * MINUTE)); // a second stretch after a gap: 4 lines of 3,004
		}
		LogScan.End end = LogScan.of(new RecordList(log), MINUTE).end(DAY);
		assertTrue(end.beyond().isEmpty());
		assertEquals(30 * DAY + 4 * MINUTE, end.at());
		List<SourceRecord> sparse = new ArrayList<>();
		for (int i = 1; i <= 3_000; i++) {
			sparse.add(event(i, "c" + i % 100, i * DAY / 10)); // ten a day
		}
		sparse.add(event(3_001, "c1", 3_000 * DAY / 10 + 40 * DAY));
		assertTrue(LogScan.of(new RecordList(sparse), MINUTE).end(DAY).beyond().isEmpty(),
				"a gap shorter than the last thousand events took is the log's own pace");
		LogScan.End small = scan(MINUTE, event(1, "a", 0), event(2, "a", 100 * DAY)).end(DAY);
		assertTrue(small.beyond().isEmpty(), "a log of fewer than a thousand events never refuses its end");
	}

	@Test
	void theLatestMomentsKeptAreTheLatestTimesAndOfEqualTimesTheFirstLines() {
		java.util.Random random = new java.util.Random(26);
		for (int round = 0; round < 50; round++) {
			int capacity = 1 + random.nextInt(40);
			LogScan.LatestMoments kept = new LogScan.LatestMoments(capacity);
			List<LogScan.Moment> all = new ArrayList<>();
			int lines = random.nextInt(5_000);
			for (int line = 1; line <= lines; line++) {
				long at = round % 3 == 0 ? random.nextInt(20) : round % 3 == 1 ? line / 3 + random.nextInt(4) : random.nextInt(100_000);
				kept.offer(at, line);
				all.add(new LogScan.Moment(at, line));
			}
			all.sort(java.util.Comparator.comparingLong(LogScan.Moment::at).reversed().thenComparingLong(LogScan.Moment::line));
			assertEquals(all.subList(0, Math.min(capacity, all.size())), kept.latestFirst(), "round " + round);
		}
	}
}
