package io.itinera.runtime.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.plan.EventType;
import io.itinera.runtime.plan.FieldDecl;
import io.itinera.runtime.plan.SourceLocation;
import io.itinera.runtime.plan.ValueType;
import io.itinera.runtime.step.Event;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Logs as they come from the wild: every bad line is a dead letter with its line and reason, and nothing else changes. */
class HostileLogTest {
	private static final SourceLocation AT = SourceLocation.UNKNOWN;
	static final EventSchema SCHEMA = new EventSchema(List.of(
			new EventType("view", List.of(new FieldDecl("item", ValueType.STRING, AT), new FieldDecl("price", ValueType.DECIMAL, AT)), AT),
			new EventType("order", List.of(new FieldDecl("invoice", ValueType.STRING, AT), new FieldDecl("amount", ValueType.DECIMAL, AT)), AT)));
	/** A run started on 2026-11-30: the latest plausible time is a day later. */
	static final ReadOptions OPTIONS = new ReadOptions(
			TimeWindow.of(TimeWindow.DEFAULT_EARLIEST, Instant.parse("2026-11-30T12:00:00Z"), Duration.ofDays(1)), null);

	@TempDir
	Path dir;

	private List<SourceRecord> read(String name, byte[] bytes, InputFormat format, ColumnMapping mapping, List<String> columns,
			char delimiter, ReadOptions options) throws IOException {
		Path file = dir.resolve(name);
		Files.write(file, bytes);
		List<SourceRecord> records = new ArrayList<>();
		try (EventLogSource source = EventLogSource.open(file, format, mapping, columns, delimiter, SCHEMA, options)) {
			SourceRecord record;
			while ((record = source.next()) != null) {
				records.add(record);
			}
		}
		return records;
	}

	private List<SourceRecord> csv(String text) throws IOException {
		return read("log.csv", text.getBytes(StandardCharsets.UTF_8), InputFormat.CSV, ColumnMapping.defaults(), null, ',', OPTIONS);
	}

	private static String reason(List<SourceRecord> records, long line) {
		for (SourceRecord record : records) {
			if (record.lineNumber() == line) {
				assertNotNull(record.deadLetter(), "line " + line + " should be a dead letter: " + record);
				assertEquals(line, record.deadLetter().line());
				return record.deadLetter().reason();
			}
		}
		throw new AssertionError("no record for line " + line + ": " + records);
	}

	private static List<Event> events(List<SourceRecord> records) {
		return records.stream().filter(r -> r.event() != null).map(SourceRecord::event).toList();
	}

	@Test
	void extremeAndImplausibleTimesAreDeadLettersOfTheirOwnLineOnly() throws IOException {
		String good = """
				customer,time,type,item,price
				c1,2017-11-25T10:00:00Z,view,i1,1.5
				c2,1511604000,view,i2,2
				""";
		List<SourceRecord> records = csv(good + """
				c3,+999999999-12-31T23:59:59Z,view,i3,1
				c3,-,view,i3,1
				c3,99999999999999999999,view,i3,1
				c3,-99999999999999999999,view,i3,1
				c3,9999-12-31,view,i3,1
				c3,2062-11-25T10:00:00Z,view,i3,1
				c3,19970101,view,i3,1
				c3,1989-12-31T23:59:59Z,view,i3,1
				c3,-,-,-,-
				c4,2017-11-26 10:00:00,view,i4,3
				""");
		assertTrue(reason(records, 4).contains("'+999999999-12-31T23:59:59Z': out of range"), reason(records, 4));
		assertTrue(reason(records, 5).startsWith("bad timestamp '-'"), reason(records, 5));
		assertTrue(reason(records, 6).contains("out of range"), reason(records, 6));
		assertTrue(reason(records, 7).contains("out of range"), reason(records, 7));
		assertTrue(reason(records, 8).contains("is after 2026-12-01T12:00:00Z, the latest plausible time"), reason(records, 8));
		assertTrue(reason(records, 8).contains("--max-skew 1d"), reason(records, 8));
		assertTrue(reason(records, 9).startsWith("time '2062-11-25T10:00:00Z' is after"), reason(records, 9));
		assertTrue(reason(records, 10).contains("read as 1970-08-20") && reason(records, 10).contains("--map time=time:yyyyMMdd"),
				reason(records, 10));
		assertTrue(reason(records, 11).contains("before 1990-01-01T00:00:00Z"), reason(records, 11));
		assertTrue(reason(records, 12).startsWith("bad timestamp '-'"), reason(records, 12));
		List<Event> alone = events(csv(good + "c4,2017-11-26 10:00:00,view,i4,3\n"));
		assertEquals(alone, events(records));
		assertEquals(3, alone.size());
		assertEquals(Instant.parse("2017-11-26T10:00:00Z").toEpochMilli(), alone.get(2).at());
	}

	@Test
	void theWindowDoesNotDependOnTheOrderOfLines() throws IOException {
		String header = "customer,time,type,item,price\n";
		String typo = "c9,2062-11-25T10:00:00Z,view,i9,1\n";
		String line = "c1,2017-11-25T10:00:00Z,view,i1,1.5\n";
		assertEquals(events(csv(header + line)), events(csv(header + typo + line)));
		assertEquals(events(csv(header + line)), events(csv(header + line + typo)));
	}

	@Test
	void timeFormatsNeverThrowAnythingButBadLine() {
		String[] texts = { "-", "--", ".", "-.", "+", "", " ", "1e400", "NaN", "Infinity", "99999999999999999999",
				"-99999999999999999999", "1.7976931348623157E309", "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z",
				"+999999999-12-31T23:59:59", "+999999999-12-31", "9999999999-01-01", "2017-02-30", "2017-13-01T00:00:00Z",
				"0000-00-00T00:00:00Z", "99999999999999999999.5", "1" + "0".repeat(400), "\u0000", "２０１７" };
		for (String spec : List.of("auto", "iso", "epoch-seconds", "epoch-millis", "yyyyMMdd", "yyyy-MM-dd HH:mm:ss")) {
			TimeFormat format = TimeFormat.of(spec, ZoneId.of("Europe/Paris"));
			for (String text : texts) {
				try {
					format.parse(text);
				} catch (BadLineException expected) {
					assertTrue(expected.getMessage().length() < 400, expected.getMessage());
				}
			}
		}
	}

	@Test
	void aDatePatternGivesMidnightInTheZone() throws IOException {
		ColumnMapping mapping = ColumnMapping.parse("time=date:yyyyMMdd,zone=Europe/Paris");
		List<SourceRecord> records = read("log.csv", "customer,date,type\nc1,20171125,view\nc1,2017-11-25,view\n"
				.getBytes(StandardCharsets.UTF_8), InputFormat.CSV, mapping, null, ',', OPTIONS);
		assertEquals(Instant.parse("2017-11-24T23:00:00Z").toEpochMilli(), records.get(0).event().at());
		assertTrue(reason(records, 3).contains("does not match the pattern yyyyMMdd"), reason(records, 3));
	}

	@Test
	void invalidUtf8IsADeadLetterNeverMergedWithAnotherCustomer() throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		bytes.writeBytes("customer,time,type\n".getBytes(StandardCharsets.UTF_8));
		bytes.writeBytes(new byte[] { 'c', (byte) 0xff, '1', ',', '1', '5', '1', '1', '6', '0', '4', '0', '0', '0', ',', 'v', 'i', 'e', 'w', '\n' });
		bytes.writeBytes(new byte[] { 'c', (byte) 0xfe, '1', ',', '1', '5', '1', '1', '6', '0', '4', '0', '0', '0', ',', 'v', 'i', 'e', 'w', '\n' });
		bytes.writeBytes("cé1,1511604000,view\nc\uFFFD1,1511604000,view\n".getBytes(StandardCharsets.UTF_8));
		List<SourceRecord> records = read("log.csv", bytes.toByteArray(), InputFormat.CSV, ColumnMapping.defaults(), null, ',', OPTIONS);
		assertTrue(reason(records, 2).startsWith("invalid UTF-8 at byte 2"), reason(records, 2));
		assertTrue(reason(records, 3).startsWith("invalid UTF-8 at byte 2"), reason(records, 3));
		assertEquals("cé1", records.get(2).event().customerId());
		assertEquals("c\uFFFD1", records.get(3).event().customerId(), "a real U+FFFD in valid UTF-8 is text");
	}

	@Test
	void aByteOrderMarkIsDroppedInEveryFormat() throws IOException {
		byte[] bom = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };
		ByteArrayOutputStream jsonl = new ByteArrayOutputStream();
		jsonl.writeBytes(bom);
		jsonl.writeBytes("{\"customer\":\"c1\",\"time\":1511604000,\"type\":\"view\"}\n{\"customer\":\"c2\",\"time\":1511604000,\"type\":\"view\"}\n"
				.getBytes(StandardCharsets.UTF_8));
		List<SourceRecord> records = read("log.jsonl", jsonl.toByteArray(), InputFormat.JSONL, ColumnMapping.defaults(), null, ',', OPTIONS);
		assertEquals(List.of("c1", "c2"), events(records).stream().map(Event::customerId).toList());

		ByteArrayOutputStream headless = new ByteArrayOutputStream();
		headless.writeBytes(bom);
		headless.writeBytes("c1,1511604000,view\n".getBytes(StandardCharsets.UTF_8));
		records = read("log.csv", headless.toByteArray(), InputFormat.CSV, ColumnMapping.defaults(), List.of("customer", "time", "type"),
				',', OPTIONS);
		assertEquals("c1", records.get(0).event().customerId());
	}

	@Test
	void crOnlyLineEndsAreLineEndsAndResumeWorks() throws IOException {
		String text = "customer,time,type\rc1,1511604000,view\rc2,1511604001,view\r\rc3,1511604002,view";
		List<SourceRecord> records = csv(text);
		assertEquals(List.of("c1", "c2", "c3"), events(records).stream().map(Event::customerId).toList());
		assertEquals(5, records.get(2).lineNumber());
		Path file = dir.resolve("cr.csv");
		Files.writeString(file, text);
		long position;
		try (EventLogSource source = EventLogSource.open(file, InputFormat.CSV, ColumnMapping.defaults(), null, ',', SCHEMA, OPTIONS)) {
			source.next();
			position = source.position();
		}
		try (EventLogSource source = EventLogSource.open(file, InputFormat.CSV, ColumnMapping.defaults(), null, ',', SCHEMA, OPTIONS)) {
			source.resumeAt(position, 2);
			assertEquals("c2", source.next().event().customerId());
			assertEquals("c3", source.next().event().customerId());
			assertNull(source.next());
		}
		// in a file with \n line ends, a stray \r stays inside its line
		assertEquals("i\r1", events(csv("customer,time,type,item\nc1,1511604000,view,i\r1\n")).get(0).fields().get("item"));
	}

	@Test
	void logsThatCannotBeReadAtAllSaySoBriefly() throws IOException {
		IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> csv(""));
		assertTrue(empty.getMessage().contains("the log is empty"), empty.getMessage());
		IllegalArgumentException huge = assertThrows(IllegalArgumentException.class, () -> csv("x".repeat(5_000_000) + "\nc1,1,view\n"));
		assertTrue(huge.getMessage().length() < 400, huge.getMessage().length() + " characters");
		IllegalArgumentException wide = assertThrows(IllegalArgumentException.class, () -> csv("a,".repeat(200_000) + "z\n"));
		assertTrue(wide.getMessage().length() < 500, wide.getMessage().length() + " characters");
		assertTrue(wide.getMessage().contains("200001 columns"), wide.getMessage());
		byte[] binary = new byte[4096];
		new java.util.Random(1).nextBytes(binary);
		IllegalArgumentException bin = assertThrows(IllegalArgumentException.class,
				() -> read("x.csv", binary, InputFormat.CSV, ColumnMapping.defaults(), null, ',', OPTIONS));
		assertTrue(bin.getMessage().length() < 400, bin.getMessage());
		IllegalArgumentException semicolons = assertThrows(IllegalArgumentException.class, () -> csv("customer;time;type\nc1;1;view\n"));
		assertTrue(semicolons.getMessage().contains("one single column") && semicolons.getMessage().contains("--delimiter ';'"),
				semicolons.getMessage());
		IllegalArgumentException directory = assertThrows(IllegalArgumentException.class,
				() -> EventLogSource.open(dir, InputFormat.CSV, ColumnMapping.defaults(), null, ',', SCHEMA, OPTIONS));
		assertTrue(directory.getMessage().contains("is a directory"), directory.getMessage());
	}

	@Test
	void aDecimalFieldRefusesNanInfinityAndJavaSuffixes() throws IOException {
		List<SourceRecord> records = csv("""
				customer,time,type,item,price
				c1,1511604000,view,i,NaN
				c1,1511604000,view,i,Infinity
				c1,1511604000,view,i,-Infinity
				c1,1511604000,view,i,1e400
				c1,1511604000,view,i,0x1p3
				c1,1511604000,view,i,2d
				c1,1511604000,view,i,1e3
				c1,1511604000,view,i,-0.5
				c1,1511604000,view,i,+.25
				""");
		for (int line = 2; line <= 7; line++) {
			assertTrue(reason(records, line).contains("is not a decimal"), reason(records, line));
		}
		assertEquals(List.of(1000.0, -0.5, 0.25), events(records).stream().map(e -> e.fields().get("price")).toList());
	}

	@Test
	void whitespaceSeparatedLogs() throws IOException {
		List<SourceRecord> records = read("log.txt", "  customer   time\ttype  item\n   c1  1511604000\tview  i1  \n\nc2 1511604001 view\n"
				.getBytes(StandardCharsets.UTF_8), InputFormat.CSV, ColumnMapping.defaults(), null, CsvEventParser.WHITESPACE, OPTIONS);
		assertEquals(new Event("c1", 1511604000_000L, "view", Map.of("item", "i1")), records.get(0).event());
		assertEquals(new Event("c2", 1511604001_000L, "view", Map.of()), records.get(1).event());
	}

	@Test
	void dedupeDropsRepeatsOfAnIdButABadLineTakesNoId() throws IOException {
		ColumnMapping mapping = ColumnMapping.parse("event=order,field.invoice=InvoiceNo");
		String text = """
				customer,time,InvoiceNo,amount
				c1,2011-01-01T10:00:00Z,536365,10
				c1,not-a-time,536366,10
				c1,2011-01-01T10:00:00Z,536365,10
				c2,2011-01-02T10:00:00Z,536366,5
				c2,2011-01-02T10:00:00Z,,5
				c2,2011-01-02T10:00:00Z,,5
				""";
		ReadOptions dedupe = new ReadOptions(OPTIONS.window(), "invoice");
		Path file = dir.resolve("baskets.csv");
		Files.writeString(file, text);
		List<SourceRecord> records = new ArrayList<>();
		try (EventLogSource source = EventLogSource.open(file, InputFormat.CSV, mapping, null, ',', SCHEMA, dedupe)) {
			SourceRecord record;
			while ((record = source.next()) != null) {
				records.add(record);
			}
			assertEquals(1, source.duplicates());
			assertEquals(1, source.badLines());
			assertEquals(6, source.linesRead());
		}
		assertNull(records.get(2).event(), "the repeat of 536365 is dropped");
		assertNull(records.get(2).deadLetter(), "and counted as skipped, not dead-lettered");
		assertEquals("536366", records.get(3).event().fields().get("invoice"), "the bad line did not take 536366");
		assertNotNull(records.get(4).event(), "lines without an id are never repeats");
		assertNotNull(records.get(5).event());

		long position;
		try (EventLogSource source = EventLogSource.open(file, InputFormat.CSV, mapping, null, ',', SCHEMA, dedupe)) {
			source.next();
			position = source.position();
		}
		try (EventLogSource source = EventLogSource.open(file, InputFormat.CSV, mapping, null, ',', SCHEMA, dedupe)) {
			source.resumeAt(position, 2);
			source.next();
			SourceRecord repeat = source.next();
			assertEquals(4, repeat.lineNumber());
			assertNull(repeat.event(), "a resumed run still knows the ids read before the resume point");
		}
		IllegalArgumentException noColumn = assertThrows(IllegalArgumentException.class,
				() -> EventLogSource.open(file, InputFormat.CSV, mapping, null, ',', SCHEMA, new ReadOptions(OPTIONS.window(), "order_id")));
		assertTrue(noColumn.getMessage().contains("--dedupe order_id"), noColumn.getMessage());
	}

	@Test
	void anOverlongLineIsCutAndDeadLetteredAndTheNextLineIsRead() throws IOException {
		List<SourceRecord> records = csv("customer,time,type,item\nc1,1511604000,view," + "i".repeat(3 << 20) + "\nc2,1511604000,view,i\n");
		assertTrue(reason(records, 2).startsWith("line longer than 1048576 bytes"), reason(records, 2));
		assertEquals(LineReader.DEFAULT_MAX_LINE_BYTES, records.get(0).deadLetter().raw().length());
		assertEquals("c2", records.get(1).event().customerId());
		assertEquals(3, records.get(1).lineNumber());
	}
}
