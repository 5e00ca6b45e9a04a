package io.itinera.runtime.replay;

import io.itinera.runtime.io.EventSource;
import io.itinera.runtime.io.SourceRecord;
import io.itinera.runtime.step.Event;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The first pass over a log file: whether every customer's events come in time order (up to the
 * lateness, as the driver puts them back), and the latest times of the log, to find a line far
 * beyond the rest. Memory: 16 bytes or so per customer and {@link #KEPT_LATEST} times.
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
		CustomerClocks clocks = new CustomerClocks();
		LatestMoments kept = new LatestMoments(KEPT_LATEST);
		long events = 0;
		Disorder disorder = null;
		SourceRecord record;
		while ((record = source.next()) != null) {
			Event event = record.event();
			if (event == null) {
				continue;
			}
			events++;
			long at = event.at();
			long reached = clocks.advance(event.customerId(), at);
			// Ties count at lateness 0: the driver would apply the first at once, whatever its content.
			if (disorder == null && reached != Long.MIN_VALUE && at <= reached - latenessMillis
					&& (latenessMillis > 0 || at <= reached)) {
				disorder = new Disorder(record.lineNumber(), event.customerId(), at, reached);
			}
			kept.offer(at, record.lineNumber());
		}
		return new LogScan(events, disorder, kept.latestFirst());
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
	 * The latest time seen per customer, keyed by a 64-bit hash of the id: open addressing, no boxing,
	 * each key beside its time (one cache line per look-up).
	 */
	static final class CustomerClocks {
		private long[] table = new long[2 << 12];
		private int size;

		/** Records {@code at} for the customer; returns the latest time they had before (Long.MIN_VALUE: new). */
		long advance(String customerId, long at) {
			long key = hash(customerId);
			int mask = (table.length >>> 1) - 1;
			int slot = (int) (key ^ (key >>> 32)) & mask;
			while (table[2 * slot] != 0 && table[2 * slot] != key) {
				slot = (slot + 1) & mask;
			}
			if (table[2 * slot] == 0) {
				table[2 * slot] = key;
				table[2 * slot + 1] = at;
				if (++size * 4 > table.length) {
					grow();
				}
				return Long.MIN_VALUE;
			}
			long before = table[2 * slot + 1];
			if (at > before) {
				table[2 * slot + 1] = at;
			}
			return before;
		}

		private void grow() {
			long[] old = table;
			table = new long[old.length * 2];
			int mask = (table.length >>> 1) - 1;
			for (int i = 0; i < old.length; i += 2) {
				if (old[i] != 0) {
					int slot = (int) (old[i] ^ (old[i] >>> 32)) & mask;
					while (table[2 * slot] != 0) {
						slot = (slot + 1) & mask;
					}
					table[2 * slot] = old[i];
					table[2 * slot + 1] = old[i + 1];
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
