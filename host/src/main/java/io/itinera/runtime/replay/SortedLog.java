package io.itinera.runtime.replay;

import io.itinera.runtime.driver.EventCodec;
import io.itinera.runtime.driver.EventOrder;
import io.itinera.runtime.io.DeadLetter;
import io.itinera.runtime.io.EventSource;
import io.itinera.runtime.io.SourceRecord;
import io.itinera.runtime.step.Event;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.stream.Stream;

/**
 * A log's records in an order that does not depend on the order of its lines: first the lines that
 * are not events (dead letters, skipped lines) by line, then the events by customer, time, content
 * ({@link EventOrder}) and line ({@link #BY_CUSTOMER}, for {@code run}), or by time, customer, content
 * and line ({@link #BY_TIME}, for a host whose clock is the whole log's, Flink). An external sort: runs of at most {@code runRecords} records are
 * sorted in memory and written to a folder, then merged as they are read; a log that fits in one run
 * never touches the disk. Line numbers (and a record's text, when kept) stay those of the file. Its position is the number of records
 * returned, so a resumed run sorts again (the order is a total one) and skips that many.
 */
public final class SortedLog implements EventSource {
	/** Records sorted in memory at a time: some hundred bytes each. */
	public static final int DEFAULT_RUN_RECORDS = 131_072;

	/** A run also goes to disk when its records take about this much heap (long dead lines, many fields). */
	static final long MAX_RUN_BYTES = 64L << 20;

	/** Per customer, then by time: each customer's events in the order the driver applies them. */
	public static final Comparator<SourceRecord> BY_CUSTOMER = SortedLog::compare;
	/** By time, then customer: the whole log in time order, each customer's events as {@link #BY_CUSTOMER} has them. */
	public static final Comparator<SourceRecord> BY_TIME = SortedLog::compareByTime;

	private final Path folder;
	private final List<Run> runs = new ArrayList<>();
	private final PriorityQueue<Run> heads;
	private final long total;
	private long returned;

	private SortedLog(Path folder, List<SourceRecord> inMemory, List<Path> files, long total, Comparator<SourceRecord> order)
			throws IOException {
		this.folder = folder;
		this.heads = new PriorityQueue<>((a, b) -> order.compare(a.head, b.head));
		this.total = total;
		if (inMemory != null) {
			runs.add(new Run(inMemory));
		}
		for (Path file : files) {
			runs.add(new Run(file));
		}
		for (Run run : runs) {
			if (run.advance()) {
				heads.add(run);
			}
		}
	}

	/** {@link #sort(EventSource, Path, int, Comparator)} {@link #BY_CUSTOMER}. */
	public static SortedLog sort(EventSource source, Path folder, int runRecords) throws IOException {
		return sort(source, folder, runRecords, BY_CUSTOMER);
	}

	/**
	 * Reads {@code source} to its end and sorts it in {@code order}; {@code folder} (created, and emptied
	 * first) takes the sorted runs when there is more than one.
	 */
	public static SortedLog sort(EventSource source, Path folder, int runRecords, Comparator<SourceRecord> order)
			throws IOException {
		List<SourceRecord> buffer = new ArrayList<>();
		List<Path> files = new ArrayList<>();
		long total = 0;
		long bytes = 0;
		SourceRecord record;
		try {
			while ((record = source.next()) != null) {
				buffer.add(record);
				total++;
				bytes += heapBytes(record);
				if (buffer.size() >= runRecords || bytes >= MAX_RUN_BYTES) {
					bytes = 0;
					if (files.isEmpty()) {
						clear(folder);
						Files.createDirectories(folder);
					}
					files.add(spill(buffer, folder.resolve("run-" + files.size()), order));
					buffer = new ArrayList<>();
				}
			}
			buffer.sort(order);
			if (!files.isEmpty() && !buffer.isEmpty()) {
				files.add(spill(buffer, folder.resolve("run-" + files.size()), order));
				buffer = null;
			}
			return new SortedLog(folder, files.isEmpty() ? buffer : null, files, total, order);
		} catch (IOException | RuntimeException e) {
			clear(folder);
			throw e;
		}
	}

	/** How many sorted runs went to disk (0: the log was sorted in memory). */
	public int spilledRuns() {
		return (int) runs.stream().filter(run -> run.file != null).count();
	}

	@Override
	public SourceRecord next() throws IOException {
		Run run = heads.poll();
		if (run == null) {
			return null;
		}
		SourceRecord record = run.head;
		if (run.advance()) {
			heads.add(run);
		}
		returned++;
		return record;
	}

	/** Records returned so far. */
	@Override
	public long position() {
		return returned;
	}

	/** Records returned so far: the position in the sorted log, not a line of the file. */
	@Override
	public long lineNumber() {
		return returned;
	}

	@Override
	public void resumeAt(long position, long lineNumber) throws IOException {
		if (position < returned || position > total) {
			throw new IOException("the saved run stopped after record " + position + " of the sorted log, but the log now sorts into "
					+ total + " records; start over with an empty --state directory");
		}
		while (returned < position) {
			next();
		}
	}

	/** Records in all. */
	@Override
	public long size() {
		return total;
	}

	@Override
	public void close() throws IOException {
		for (Run run : runs) {
			run.close();
		}
		if (spilledRuns() > 0) {
			clear(folder);
		}
	}

	static int compare(SourceRecord a, SourceRecord b) {
		Event x = a.event();
		Event y = b.event();
		if (x == null || y == null) {
			return x != null ? 1 : y != null ? -1 : Long.compare(a.lineNumber(), b.lineNumber());
		}
		int byCustomer = x.customerId().compareTo(y.customerId());
		if (byCustomer != 0) {
			return byCustomer;
		}
		int byEvent = EventOrder.compare(x, y);
		return byEvent != 0 ? byEvent : Long.compare(a.lineNumber(), b.lineNumber());
	}

	static int compareByTime(SourceRecord a, SourceRecord b) {
		Event x = a.event();
		Event y = b.event();
		if (x == null || y == null || x.at() == y.at()) {
			return compare(a, b);
		}
		return Long.compare(x.at(), y.at());
	}

	/** A rough size of a record on the heap. */
	private static long heapBytes(SourceRecord record) {
		long text = record.text() == null ? 0 : 40 + 2L * record.text().length();
		if (record.event() != null) {
			return text + 160 + 2L * record.event().customerId().length() + 64L * record.event().fields().size();
		}
		return text + (record.deadLetter() == null ? 32
				: 96 + 2L * (record.deadLetter().raw().length() + record.deadLetter().reason().length()));
	}

	private static Path spill(List<SourceRecord> records, Path file, Comparator<SourceRecord> order) throws IOException {
		records.sort(order);
		try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
			for (SourceRecord record : records) {
				write(out, record);
			}
		}
		return file;
	}

	private static void clear(Path folder) throws IOException {
		if (!Files.isDirectory(folder)) {
			return;
		}
		try (Stream<Path> files = Files.list(folder)) {
			for (Path file : files.toList()) {
				Files.deleteIfExists(file);
			}
		}
		Files.deleteIfExists(folder);
	}

	// A private format, read back by this process only: strings with int lengths (a field may pass 64 KB).
	private static void write(DataOutputStream out, SourceRecord record) throws IOException {
		out.writeLong(record.lineNumber());
		text(out, record.text());
		Event event = record.event();
		DeadLetter letter = record.deadLetter();
		if (event != null) {
			out.writeByte('E');
			text(out, event.customerId());
			text(out, event.type());
			out.writeLong(event.at());
			out.writeInt(event.fields().size());
			for (Map.Entry<String, Object> field : event.fields().entrySet()) {
				text(out, field.getKey());
				EventCodec.writeValue(out, field.getValue(), LONG_TEXTS);
			}
		} else if (letter != null) {
			out.writeByte('X');
			text(out, letter.reason());
			text(out, letter.raw());
		} else {
			out.writeByte('-');
		}
	}

	private static SourceRecord read(DataInputStream in) throws IOException {
		long line;
		try {
			line = in.readLong();
		} catch (EOFException end) {
			return null;
		}
		String lineText = text(in);
		int kind = in.readByte();
		if (kind == 'E') {
			String customer = text(in);
			String type = text(in);
			long at = in.readLong();
			int count = in.readInt();
			Map<String, Object> fields = new LinkedHashMap<>();
			for (int i = 0; i < count; i++) {
				String name = text(in);
				fields.put(name, EventCodec.readValue(in, LONG_TEXTS));
			}
			return new SourceRecord(line, new Event(customer, at, type, fields), null, lineText);
		}
		if (kind == 'X') {
			return new SourceRecord(line, null, new DeadLetter(line, text(in), text(in)), lineText);
		}
		return new SourceRecord(line, null, null, lineText);
	}

	/** Texts with an int length: a field may pass the 64 KB of {@link EventCodec.Texts#SHORT}. */
	private static final EventCodec.Texts LONG_TEXTS = new EventCodec.Texts() {
		@Override
		public void write(DataOutput out, String text) throws IOException {
			text(out, text);
		}

		@Override
		public String read(DataInputStream in) throws IOException {
			return text(in);
		}
	};

	private static void text(DataOutput out, String text) throws IOException {
		if (text == null) {
			out.writeInt(-1);
			return;
		}
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		out.writeInt(bytes.length);
		out.write(bytes);
	}

	private static String text(DataInputStream in) throws IOException {
		int length = in.readInt();
		if (length < 0) {
			return null;
		}
		return new String(in.readNBytes(length), StandardCharsets.UTF_8);
	}

	/** One sorted run, in memory or in a file, and its next record. */
	private static final class Run {
		final Path file;
		final List<SourceRecord> records;
		final DataInputStream in;
		int index;
		SourceRecord head;

		Run(List<SourceRecord> records) {
			this.file = null;
			this.records = records;
			this.in = null;
		}

		Run(Path file) throws IOException {
			this.file = file;
			this.records = null;
			this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
		}

		boolean advance() {
			try {
				head = records != null ? (index < records.size() ? records.get(index++) : null) : read(in);
			} catch (IOException e) {
				throw new UncheckedIOException(file + ": a sorted run of the log cannot be read back", e);
			}
			if (head == null && records != null) {
				records.clear();
			}
			return head != null;
		}

		void close() throws IOException {
			if (in != null) {
				in.close();
			}
		}
	}
}
