package io.itinera.runtime.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.itinera.runtime.io.ColumnMapping;
import io.itinera.runtime.io.EventLogSource;
import io.itinera.runtime.io.EventSchema;
import io.itinera.runtime.io.InputFormat;
import io.itinera.runtime.io.ReadOptions;
import io.itinera.runtime.io.TimeWindow;
import io.itinera.runtime.plan.EventType;
import io.itinera.runtime.plan.SourceLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A log read in two halves at once gives what one reading gives: events, the first disorder, the end. */
class LogScanInHalvesTest {
	private static final long MINUTE = 60_000;
	private static final long DAY = 86_400_000;
	private static final long START = 1_600_000_000_000L;
	private static final EventSchema SCHEMA = new EventSchema(List.of(new EventType("visit", List.of(), SourceLocation.UNKNOWN)));

	@TempDir
	Path dir;

	/** Lines "customer,time": 40 customers, a minute apart, with a blank line and an unreadable line among them. */
	private static List<String> inOrder(int count) {
		List<String> lines = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			lines.add("c" + i % 40 + "," + (START + i * MINUTE));
		}
		lines.set(count / 2, "");
		lines.set(count / 2 + 1, "c1,not a time");
		return lines;
	}

	private void assertSameAsOneReading(String name, List<String> lines) throws IOException {
		Path file = dir.resolve(name + ".csv");
		StringBuilder text = new StringBuilder("customer,time,type\n");
		lines.forEach(line -> text.append(line.isEmpty() ? "" : line + ",visit").append('\n'));
		Files.writeString(file, text);
		LogScan.SourceOpener opener = () -> EventLogSource.open(file, InputFormat.CSV, ColumnMapping.defaults(), null, ',', SCHEMA,
				new ReadOptions(TimeWindow.unlimited(), null, true));
		LogScan whole;
		try (var source = opener.open()) {
			whole = LogScan.of(source, MINUTE);
		}
		LogScan halves = LogScan.of(opener, MINUTE, 0);
		assertEquals(whole.events(), halves.events(), name);
		assertEquals(whole.disorder(), halves.disorder(), name);
		assertEquals(whole.end(DAY), halves.end(DAY), name);
	}

	private static List<String> with(List<String> lines, UnaryOperator<List<String>> change) {
		return change.apply(new ArrayList<>(lines));
	}

	@Test
	void inOrderAndWithTheLatestTimesSpreadOverBothHalves() throws IOException {
		List<String> lines = inOrder(6_000);
		assertSameAsOneReading("in-order", lines);
		assertSameAsOneReading("far-lines", with(lines, l -> {
			l.set(100, "c7," + (START + 400 * DAY));
			l.set(5_000, "c8," + (START + 400 * DAY)); // the same time in the second half: the first line comes first
			l.set(5_900, "c9," + (START + 401 * DAY));
			return l;
		}));
	}

	@Test
	void disorderInEitherHalfOrAcrossTheMiddleIsFoundAtItsFirstLine() throws IOException {
		List<String> lines = inOrder(6_000);
		assertSameAsOneReading("first-half", with(lines, l -> {
			l.set(1_000, "c3," + (START + 10 * MINUTE));
			l.set(5_000, "c4," + (START + 20 * MINUTE));
			return l;
		}));
		assertSameAsOneReading("second-half", with(lines, l -> {
			l.set(4_000, "c3," + (START + 3_990 * MINUTE));
			l.set(4_001, "c3," + (START + 3_000 * MINUTE)); // after its own line 4,000 only
			return l;
		}));
		// z's one line in the second half comes before their one line in the first half, and a line of
		// the second half is out of order within that half only, later on
		List<String> across = with(lines, l -> {
			l.set(100, "z," + (START + 2_900 * MINUTE));
			l.set(3_500, "z," + (START + 100 * MINUTE));
			l.set(5_500, "c6," + (START + 5_600 * MINUTE));
			l.set(5_501, "c6," + (START + 5_000 * MINUTE));
			return l;
		});
		assertSameAsOneReading("across", across);
		Path file = dir.resolve("across.csv");
		LogScan.Disorder disorder = LogScan.of(() -> EventLogSource.open(file, InputFormat.CSV, ColumnMapping.defaults(), null, ',',
				SCHEMA, new ReadOptions(TimeWindow.unlimited(), null, true)), MINUTE, 0).disorder();
		assertNotNull(disorder);
		assertEquals("z", disorder.customerId());
		assertEquals(3_502, disorder.line(), "a header line, then line 3,501 of the list");
	}

	@Test
	void shuffledLinesAgreeToo() throws IOException {
		List<String> lines = inOrder(5_000);
		java.util.Collections.shuffle(lines, new Random(26));
		assertSameAsOneReading("shuffled", lines);
	}
}
