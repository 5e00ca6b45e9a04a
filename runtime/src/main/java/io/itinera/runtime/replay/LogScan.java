package io.itinera.runtime.replay;

import io.itinera.runtime.io.EventSource;
import io.itinera.runtime.io.SourceRecord;
import io.itinera.runtime.step.Event;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
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
		Comparator<Moment> byTime = Comparator.comparingLong(Moment::at).thenComparing(Moment::line, Comparator.reverseOrder());
		PriorityQueue<Moment> kept = new PriorityQueue<>(KEPT_LATEST + 1, byTime);
		long events = 0;
		Disorder disorder = null;
		SourceRecord record;
		while ((record = source.next()) != null) {
			Event event = record.event();
			if (event == null) {
				continue;
			}
			events++;
			long reached = clocks.advance(event.customerId(), event.at());
			// Ties count at lateness 0: the driver would apply the first at once, whatever its content.
			if (disorder == null && reached != Long.MIN_VALUE && event.at() <= reached - latenessMillis
					&& (latenessMillis > 0 || event.at() <= reached)) {
				disorder = new Disorder(record.lineNumber(), event.customerId(), event.at(), reached);
			}
			if (kept.size() < KEPT_LATEST || event.at() > kept.peek().at()) {
				kept.add(new Moment(event.at(), record.lineNumber()));
				if (kept.size() > KEPT_LATEST) {
					kept.poll();
				}
			}
		}
		List<Moment> latest = new ArrayList<>(kept);
		latest.sort(byTime.reversed());
		return new LogScan(events, disorder, latest);
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

	/** The latest time seen per customer, keyed by a 64-bit hash of the id: open addressing, no boxing. */
	static final class CustomerClocks {
		private long[] keys = new long[1 << 12];
		private long[] times = new long[1 << 12];
		private int size;

		/** Records {@code at} for the customer; returns the latest time they had before (Long.MIN_VALUE: new). */
		long advance(String customerId, long at) {
			long key = hash(customerId);
			int mask = keys.length - 1;
			int slot = (int) (key ^ (key >>> 32)) & mask;
			while (keys[slot] != 0 && keys[slot] != key) {
				slot = (slot + 1) & mask;
			}
			if (keys[slot] == 0) {
				keys[slot] = key;
				times[slot] = at;
				if (++size * 2 > keys.length) {
					grow();
				}
				return Long.MIN_VALUE;
			}
			long before = times[slot];
			if (at > before) {
				times[slot] = at;
			}
			return before;
		}

		private void grow() {
			long[] oldKeys = keys;
			long[] oldTimes = times;
			keys = new long[oldKeys.length * 2];
			times = new long[oldKeys.length * 2];
			int mask = keys.length - 1;
			for (int i = 0; i < oldKeys.length; i++) {
				if (oldKeys[i] != 0) {
					int slot = (int) (oldKeys[i] ^ (oldKeys[i] >>> 32)) & mask;
					while (keys[slot] != 0) {
						slot = (slot + 1) & mask;
					}
					keys[slot] = oldKeys[i];
					times[slot] = oldTimes[i];
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
