package io.itinera.runtime.simulate;

import io.itinera.runtime.step.CustomerState;
import io.itinera.runtime.step.SegmentMembership;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many customers are in each of a journey's declared segments at the end of each month of event
 * time (UTC), how many came into and left each since the month before, and the flows between them: the
 * report's segment sizes.
 * A customer counts from their first input on; at a month's end they are evaluated on the state their
 * last input before it left, as the step would (features at that instant). The replay's last, partial
 * month is evaluated at the replay's end.
 */
final class SegmentSizes {
	private final SegmentMembership membership;
	/** By the instant evaluated (a month's first moment, or the replay's end): per segment the counts. */
	private final Map<Long, Point> points = new TreeMap<>();

	SegmentSizes(SegmentMembership membership) {
		this.membership = membership;
	}

	private final class Point {
		long customers;
		final long[] in = new long[membership.names().size()];
		final long[] joined = new long[in.length];
		final long[] left = new long[in.length];
		/** [from][to]: customers who left one segment and joined another; index {@code in.length} is no segment. */
		final long[][] flows = new long[in.length + 1][in.length + 1];
	}

	/**
	 * Before the customer's input at {@code at}: counts them at every month's end since their previous
	 * input up to {@code at}, on {@code state} (their state until now; null for a new customer).
	 */
	void beforeInput(CustomerTrack track, CustomerState state, long at) {
		if (track.segmentsDue == CustomerTrack.NEVER) {
			track.segmentsDue = nextMonthStart(at);
			return;
		}
		while (track.segmentsDue <= at) {
			count(track, state, track.segmentsDue);
			track.segmentsDue = nextMonthStart(track.segmentsDue);
		}
	}

	/** The end of the replay at {@code end}: the customer's remaining month ends, and {@code end} itself. */
	void finish(CustomerTrack track, CustomerState state, long end) {
		if (track.segmentsDue == CustomerTrack.NEVER) {
			return;
		}
		beforeInput(track, state, end);
		if (end != monthStart(end)) {
			count(track, state, end);
		}
		track.segmentsDue = Long.MAX_VALUE;
	}

	private void count(CustomerTrack track, CustomerState state, long at) {
		Point point = points.computeIfAbsent(at, k -> new Point());
		point.customers++;
		boolean[] in = state == null ? new boolean[point.in.length] : membership.of(state, at);
		long bits = 0;
		for (int s = 0; s < in.length; s++) {
			boolean was = s < 64 && (track.segmentsIn & (1L << s)) != 0;
			if (in[s]) {
				point.in[s]++;
				if (s < 64) {
					bits |= 1L << s;
				}
			}
			if (s < 64 && in[s] && !was) {
				point.joined[s]++;
			} else if (s < 64 && !in[s] && was) {
				point.left[s]++;
			}
		}
		flow(point.flows, track.segmentsIn, bits, in.length);
		track.segmentsIn = bits;
	}

	/**
	 * The customer's moves since the last month's end: from each segment they left to each they joined; a
	 * join without a leave comes from no segment, a leave without a join goes to none.
	 */
	private static void flow(long[][] flows, long was, long now, int segments) {
		long left = was & ~now;
		long joined = now & ~was;
		if (left == 0 && joined == 0) {
			return;
		}
		for (int from : left == 0 ? new int[] { segments } : bitsOf(left)) {
			for (int to : joined == 0 ? new int[] { segments } : bitsOf(joined)) {
				flows[from][to]++;
			}
		}
	}

	private static int[] bitsOf(long bits) {
		int[] indexes = new int[Long.bitCount(bits)];
		for (int i = 0, rest = 0; i < indexes.length; i++, rest++) {
			rest += Long.numberOfTrailingZeros(bits >>> rest);
			indexes[i] = rest;
		}
		return indexes;
	}

	/** One entry per month, in time order. */
	List<SimulationReport.SegmentMonth> months() {
		List<SimulationReport.SegmentMonth> months = new ArrayList<>();
		List<String> names = membership.names();
		for (Map.Entry<Long, Point> entry : points.entrySet()) {
			long at = entry.getKey();
			Point point = entry.getValue();
			List<SimulationReport.SegmentCount> segments = new ArrayList<>();
			for (int s = 0; s < names.size(); s++) {
				segments.add(new SimulationReport.SegmentCount(names.get(s), point.in[s], point.joined[s], point.left[s]));
			}
			List<SimulationReport.SegmentFlow> flows = new ArrayList<>();
			for (int from = 0; from <= names.size(); from++) {
				for (int to = 0; to <= names.size(); to++) {
					if (point.flows[from][to] > 0) {
						flows.add(new SimulationReport.SegmentFlow(from == names.size() ? null : names.get(from),
								to == names.size() ? null : names.get(to), point.flows[from][to]));
					}
				}
			}
			months.add(new SimulationReport.SegmentMonth(YearMonth.from(Instant.ofEpochMilli(at - 1).atZone(ZoneOffset.UTC)).toString(),
					Instant.ofEpochMilli(at).toString(), point.customers, segments, flows));
		}
		return months;
	}

	/** The first moment (UTC) of the month after the one {@code at} is in. */
	static long nextMonthStart(long at) {
		return YearMonth.from(Instant.ofEpochMilli(at).atZone(ZoneOffset.UTC)).plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC)
				.toInstant().toEpochMilli();
	}

	private static long monthStart(long at) {
		return YearMonth.from(Instant.ofEpochMilli(at).atZone(ZoneOffset.UTC)).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant()
				.toEpochMilli();
	}
}
