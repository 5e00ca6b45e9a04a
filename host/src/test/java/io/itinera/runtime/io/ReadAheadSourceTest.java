package io.itinera.runtime.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.itinera.runtime.plan.EventType;
import io.itinera.runtime.plan.SourceLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadAheadSourceTest {
	private static final EventSchema SCHEMA = new EventSchema(List.of(new EventType("visit", List.of(), SourceLocation.UNKNOWN)));

	@TempDir
	Path dir;

	/** More lines than the chunks in flight hold, with a bad line and blank lines among them. */
	private Path log() throws IOException {
		StringBuilder text = new StringBuilder("customer,time,type\n");
		int lines = ReadAheadSource.CHUNK * (ReadAheadSource.CHUNKS + 3) + 17;
		for (int i = 0; i < lines; i++) {
			text.append(i == 500 ? "c1,not a time,visit" : "c" + (i % 97) + "," + (1_600_000_000_000L + i * 1000L) + ",visit")
					.append(i % 1000 == 999 ? "\n\n" : "\n");
		}
		Path file = dir.resolve("log.csv");
		Files.writeString(file, text);
		return file;
	}

	private EventLogSource open(Path file) throws IOException {
		return EventLogSource.open(file, InputFormat.CSV, ColumnMapping.defaults(), null, ',', SCHEMA,
				new ReadOptions(TimeWindow.unlimited(), null, false));
	}

	private record Read(SourceRecord record, long position, long lineNumber) {
	}

	@Test
	void givesTheSourcesRecordsInOrderWithTheirPositionsAndLineNumbers() throws IOException {
		Path file = log();
		List<Read> direct = new ArrayList<>();
		try (EventLogSource source = open(file)) {
			SourceRecord record;
			while ((record = source.next()) != null) {
				direct.add(new Read(record, source.position(), source.lineNumber()));
			}
		}
		List<Read> ahead = new ArrayList<>();
		try (EventLogSource source = open(file); ReadAheadSource lines = new ReadAheadSource(source)) {
			assertEquals(source.size(), lines.size());
			SourceRecord record;
			while ((record = lines.next()) != null) {
				ahead.add(new Read(record, lines.position(), lines.lineNumber()));
			}
			assertNull(lines.next(), "the end stays the end");
		}
		assertEquals(direct, ahead);
		assertEquals(1, ahead.stream().filter(read -> read.record().deadLetter() != null).count());
	}

	@Test
	void closingBeforeTheEndStopsTheReader() throws IOException {
		try (EventLogSource source = open(log())) {
			ReadAheadSource lines = new ReadAheadSource(source);
			for (int i = 0; i < 10; i++) {
				lines.next();
			}
			lines.close();
			assertEquals(10 + 1, lines.lineNumber(), "a header and ten lines");
		}
	}

	@Test
	void aFailureOfTheSourceReachesTheCallerAfterTheRecordsBeforeIt() throws IOException {
		IOException failure = new IOException("disk gone");
		EventSource failing = new EventSource() {
			private long line;

			@Override
			public SourceRecord next() throws IOException {
				if (line == 3) {
					throw failure;
				}
				return new SourceRecord(++line, null, null);
			}

			@Override
			public long position() {
				return line * 10;
			}

			@Override
			public long lineNumber() {
				return line;
			}

			@Override
			public void resumeAt(long position, long lineNumber) {
			}

			@Override
			public long size() {
				return -1;
			}

			@Override
			public void close() {
			}
		};
		try (ReadAheadSource lines = new ReadAheadSource(failing)) {
			for (int i = 1; i <= 3; i++) {
				assertEquals(i, lines.next().lineNumber());
				assertEquals(i * 10, lines.position());
			}
			assertSame(failure, assertThrows(IOException.class, lines::next));
		}
	}
}
