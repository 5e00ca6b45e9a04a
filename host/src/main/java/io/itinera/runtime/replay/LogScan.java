package io.itinera.runtime.replay;

import io.itinera.runtime.io.EventLogSource;
import io.itinera.runtime.io.EventSource;
import io.itinera.runtime.io.SourceRecord;
import io.itinera.runtime.io.ThreadWork;
import io.itinera.runtime.step.Event;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.stream.Collectors;

/**
 * The first pass over a log file: whether every customer's events come in time order (up to the
 * lateness, as the driver puts them back), and the latest times of the log, to find a line far
 * beyond the rest. Memory: 50 bytes or so per customer (twice that for a log read in halves) and {@link #KEPT_LATEST} times.
 */
public final class LogScan {
	/** The most lines a log's end may refuse as beyond the rest. */
	public static final int MAX_REFUSED = 1_000;
	/** At most one event in this many may be refused as beyond the rest. */
	public static final int REFUSED_PER = 1_000;
	/** A gap is judged against the time this many events before it took. */
	public static final int EVENTS_BEFORE_GAP = 1_000;
	static final int KEPT_LATEST = MAX_REFUSED + EVENTS_BEFORE_GAP + 1;

	/** An event's time and line. */
	public record Moment(long at, long line) {
	}

	/** The first event that came before its customer's earlier events by more than the lateness. */
	public record Disorder(long line, String customerId, long at, long customerReached) {
	}

	private final long events;
	private final Disorder disorder;
	private final List<Moment> latest;

	private LogScan(long events, Disorder disorder, List<Moment> latest) {
		this.events = events;
		this.disorder = disorder;
		this.latest = latest;
	}

	/** Reads {@code source} to its end. */
	public static LogScan of(EventSource source, long latenessMillis) throws IOException {
		Pass pass = new Pass(latenessMillis, new CustomerClocks());
		pass.read(source);
		return new LogScan(pass.events, pass.disorder, pass.kept.latestFirst());
	}

	/**
	 * Reads the log {@code opener} opens to its end; a large file without {@code --dedupe} or
	 * groups on a machine with more than one processor in two halves at once, with the same
	 * result as {@link #of(EventSource, long)}: events add up, the latest moments of the halves hold
	 * the latest of the whole, and the second half is out of order where its own events are, or
	 * where a customer's earliest time in it comes before their latest in the first half by the
	 * lateness (then it is read again after the first half's clocks, to name the first such line).
	 */
	public static LogScan of(SourceOpener opener, long latenessMillis) throws IOException {
		return of(opener, latenessMillis, SPLIT_FROM_BYTES);
	}

	static LogScan of(SourceOpener opener, long latenessMillis, long splitFromBytes) throws IOException {
		if (Runtime.getRuntime().availableProcessors() < 2) {
			try (EventSource source = opener.open()) {
				return of(source, latenessMillis);
			}
		}
		try (EventSource first = opener.open()) {
			long middle = first instanceof EventLogSource log && log.size() >= splitFromBytes ? log.lineStartFrom(log.size() / 2) : -1;
			if (middle < 0) {
				return of(first, latenessMillis);
			}
			((EventLogSource) first).endBefore(middle);
			Pass firstHalf = new Pass(latenessMillis, new CustomerClocks());
			Pass secondHalf = new Pass(latenessMillis, new CustomerClocks());
			try (EventSource second = opener.open()) {
				second.resumeAt(middle, 0);
				FutureTask<Void> reading = new FutureTask<>(() -> {
					firstHalf.read(first);
					return null;
				});
				Thread thread = new Thread(reading, "itinera-first-pass");
				thread.setDaemon(true);
				thread.start();
				try {
					secondHalf.read(second);
				} catch (IOException | RuntimeException | Error e) {
					// the first half's thread still reads its source: let it end before the source closes
					try {
						await(reading);
					} catch (IOException | RuntimeException | Error also) {
						e.addSuppressed(also);
					}
					throw e;
				}
				await(reading);
			}
			long linesBefore = first.lineNumber();
			Disorder disorder = firstHalf.disorder;
			if (disorder == null && (secondHalf.disorder != null || secondHalf.clocks.anyBefore(firstHalf.clocks, latenessMillis))) {
				Pass again = new Pass(latenessMillis, firstHalf.clocks);
				try (EventSource second = opener.open()) {
					second.resumeAt(middle, 0);
					again.read(second);
				}
				disorder = again.disorder;
				disorder = new Disorder(disorder.line() + linesBefore, disorder.customerId(), disorder.at(), disorder.customerReached());
			}
			LatestMoments kept = firstHalf.kept;
			secondHalf.kept.forEachKept((at, line) -> kept.offer(at, line + linesBefore));
			return new LogScan(firstHalf.events + secondHalf.events, disorder, kept.latestFirst());
		}
	}

	/** Files smaller than this are read in one piece: a second thread would not pay for itself. */
	static final long SPLIT_FROM_BYTES = 4L << 20;

	/** Opens the log afresh from its start. */
	@FunctionalInterface
	public interface SourceOpener {
		EventSource open() throws IOException;
	}

	private static void await(FutureTask<Void> reading) throws IOException {
		ThreadWork.result(reading, "reading the log's first half");
	}

	/** One reading of (part of) a log: its events, each customer's latest time, the first disorder, the latest moments. */
	private static final class Pass {
		final long latenessMillis;
		final CustomerClocks clocks;
		final LatestMoments kept = new LatestMoments(KEPT_LATEST);
		long events;
		Disorder disorder;

		Pass(long latenessMillis, CustomerClocks clocks) {
			this.latenessMillis = latenessMillis;
			this.clocks = clocks;
		}

		void read(EventSource source) throws IOException {
			SourceRecord record;
			while ((record = source.next()) != null) {
				Event event = record.event();
				if (event == null) {
					continue;
				}
				events++;
				long at = event.at();
				long reached = clocks.advance(event.customerId(), at);
				if (disorder == null && outOfOrder(at, reached, latenessMillis)) {
					disorder = new Disorder(record.lineNumber(), event.customerId(), at, reached);
				}
				kept.offer(at, record.lineNumber());
			}
		}
	}

	/** Whether an event at {@code at} comes too late after its customer reached {@code reached} (Long.MIN_VALUE: nothing yet). */
	static boolean outOfOrder(long at, long reached, long latenessMillis) {
		// Ties count at lateness 0: the driver would apply the first at once, whatever its content.
		return reached != Long.MIN_VALUE && at <= reached - latenessMillis && (latenessMillis > 0 || at <= reached);
	}

	/** Events read (lines that could not be read do not count). */
	public long events() {
		return events;
	}

	/** Null when every customer's events come in time order up to the lateness. */
	public Disorder disorder() {
		return disorder;
	}

	/**
	 * Where the log's times end: its latest times are beyond the rest when they come after a gap
	 * longer than {@code maxSkewMillis} and longer than the {@value #EVENTS_BEFORE_GAP} events before
	 * the gap took (a sparse log has long gaps of its own), and they are at most one event in
	 * {@value #REFUSED_PER} and at most {@value #MAX_REFUSED} lines (so a log of fewer than a thousand
	 * events is never cut).
	 */
	public End end(long maxSkewMillis) {
		if (latest.isEmpty()) {
			return new End(Long.MIN_VALUE, 0, List.of());
		}
		long mayRefuse = Math.min(MAX_REFUSED, events / REFUSED_PER);
		int cut = -1;
		for (int i = 0; i + 1 < latest.size() && i + 1 <= mayRefuse; i++) {
			long gap = latest.get(i).at() - latest.get(i + 1).at();
			long before = latest.get(i + 1).at() - latest.get(Math.min(i + EVENTS_BEFORE_GAP, latest.size() - 1)).at();
			if (gap > maxSkewMillis && gap > before) {
				cut = i;
			}
		}
		List<Moment> beyond = List.copyOf(latest.subList(0, cut + 1));
		long end = latest.get(cut + 1).at();
		long line = Long.MAX_VALUE;
		for (Moment moment : latest) {
			if (moment.at() == end) {
				line = Math.min(line, moment.line());
			}
		}
		return new End(end, line, beyond);
	}

	/**
	 * The latest time of the log but for the lines {@code beyond} the rest; {@code line}: the first
	 * line with that time. {@code at} is Long.MIN_VALUE for a log without events.
	 */
	public record End(long at, long line, List<Moment> beyond) {
		/** For a summary: which time ended the replay and why. */
		public String note() {
			if (at == Long.MIN_VALUE) {
				return "no events";
			}
			String note = Instant.ofEpochMilli(at) + ", the latest event (line " + line + ")";
			if (!beyond.isEmpty()) {
				note += "; " + beyond.size() + (beyond.size() == 1 ? " line" : " lines")
						+ " more than --max-skew after the rest went to the dead letters: "
						+ beyond.stream().limit(5).map(m -> "line " + m.line() + " (" + Instant.ofEpochMilli(m.at()) + ")")
								.collect(Collectors.joining(", "))
						+ (beyond.size() > 5 ? ", …" : "");
			}
			return note;
		}
	}

	/**
	 * The {@code capacity} latest moments offered, in lines offered in increasing order: the latest
	 * times, and of equal times the first lines. In a time-sorted log every event is among the latest
	 * so far, so offers are only appended; when the buffer is full it keeps the latest {@code capacity}
	 * (a sort of the times alone) and from then on takes only times after the earliest kept.
	 */
	static final class LatestMoments {
		private final int capacity;
		private final long[] ats;
		private final long[] lines;
		private int size;
		private boolean full;
		/** Once {@code full}: the earliest time kept; an offer no later cannot be among the latest. */
		private long earliestKept;

		LatestMoments(int capacity) {
			this.capacity = capacity;
			this.ats = new long[capacity * 32];
			this.lines = new long[capacity * 32];
		}

		/** Offers a moment; {@code line} is larger than every line offered before. */
		void offer(long at, long line) {
			if (full && at <= earliestKept) {
				// of equal times the first lines are kept: a later line at the earliest time kept is not
				return;
			}
			if (size == ats.length) {
				keepLatest();
			}
			ats[size] = at;
			lines[size] = line;
			size++;
		}

		/** Keeps the latest {@code capacity} moments, in the order they came. */
		private void keepLatest() {
			if (size <= capacity) {
				return;
			}
			long[] times = java.util.Arrays.copyOf(ats, size);
			java.util.Arrays.sort(times);
			long threshold = times[size - capacity];
			int later = 0;
			for (int i = 0; i < size; i++) {
				if (ats[i] > threshold) {
					later++;
				}
			}
			int atThreshold = capacity - later;
			int kept = 0;
			for (int i = 0; i < size; i++) {
				if (ats[i] > threshold || (ats[i] == threshold && atThreshold-- > 0)) {
					ats[kept] = ats[i];
					lines[kept] = lines[i];
					kept++;
				}
			}
			size = kept;
			full = true;
			earliestKept = threshold;
		}

		/** Each moment kept, in the order offered. */
		void forEachKept(MomentConsumer consumer) {
			keepLatest();
			for (int i = 0; i < size; i++) {
				consumer.accept(ats[i], lines[i]);
			}
		}

		@FunctionalInterface
		interface MomentConsumer {
			void accept(long at, long line);
		}

		/** The moments kept, the latest first (of equal times the first line first). */
		List<Moment> latestFirst() {
			keepLatest();
			List<Moment> moments = new ArrayList<>(size);
			for (int i = 0; i < size; i++) {
				moments.add(new Moment(ats[i], lines[i]));
			}
			moments.sort((a, b) -> a.at() != b.at() ? Long.compare(b.at(), a.at()) : Long.compare(a.line(), b.line()));
			return moments;
		}
	}

	/**
	 * The latest and earliest time seen per customer, keyed by a 64-bit hash of the id: open
	 * addressing, no boxing, each key beside its times (one cache line per look-up).
	 */
	static final class CustomerClocks {
		private static final int STRIDE = 3;
		private long[] table = new long[STRIDE << 13];
		private int size;

		/** Records {@code at} for the customer; returns the latest time they had before (Long.MIN_VALUE: new). */
		long advance(String customerId, long at) {
			long key = hash(customerId);
			int slot = slotOf(table, key);
			if (table[slot] == 0) {
				table[slot] = key;
				table[slot + 1] = at;
				table[slot + 2] = at;
				if (++size * 2 * STRIDE > table.length) {
					grow();
				}
				return Long.MIN_VALUE;
			}
			long before = table[slot + 1];
			if (at > before) {
				table[slot + 1] = at;
			}
			if (at < table[slot + 2]) {
				table[slot + 2] = at;
			}
			return before;
		}

		/**
		 * Whether some customer's earliest time here comes before their latest time in {@code before}
		 * by the lateness: this log's part read after that one would be out of order.
		 */
		boolean anyBefore(CustomerClocks before, long latenessMillis) {
			for (int i = 0; i < table.length; i += STRIDE) {
				if (table[i] != 0) {
					int slot = slotOf(before.table, table[i]);
					long reached = before.table[slot] == 0 ? Long.MIN_VALUE : before.table[slot + 1];
					if (outOfOrder(table[i + 2], reached, latenessMillis)) {
						return true;
					}
				}
			}
			return false;
		}

		/** The index of the key's entry in {@code table}, or of the empty entry where it would go. */
		private static int slotOf(long[] table, long key) {
			int mask = table.length / STRIDE - 1; // a power of two less one
			int slot = (int) (key ^ (key >>> 32)) & mask;
			while (table[STRIDE * slot] != 0 && table[STRIDE * slot] != key) {
				slot = (slot + 1) & mask;
			}
			return STRIDE * slot;
		}

		private void grow() {
			long[] old = table;
			table = new long[old.length * 2];
			for (int i = 0; i < old.length; i += STRIDE) {
				if (old[i] != 0) {
					int slot = slotOf(table, old[i]);
					System.arraycopy(old, i, table, slot, STRIDE);
				}
			}
		}

		/** FNV-1a over the chars, then mixed; never 0 (the empty slot). */
		static long hash(String id) {
			long hash = 0xcbf29ce484222325L;
			for (int i = 0; i < id.length(); i++) {
				hash = (hash ^ id.charAt(i)) * 0x100000001b3L;
			}
			hash ^= hash >>> 33;
			hash *= 0xff51afd7ed558ccdL;
			hash ^= hash >>> 33;
			return hash == 0 ? 1 : hash;
		}
	}
}
