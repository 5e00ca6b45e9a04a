package io.itinera.runtime.step;

import io.itinera.runtime.expr.CompiledExpr;
import io.itinera.runtime.feature.FeatureDefinition;
import io.itinera.runtime.plan.Expr;
import java.util.ArrayList;
import java.util.List;

/**
 * The segments a journey's triggers watch ({@code entry on segment S}, {@code on entering|leaving
 * segment S}): whether each customer was in each of them after their last input, kept as bits of
 * {@link CustomerState#firedTriggers} after the score triggers' words, and the instant their
 * membership may next change with time alone (the segment timer). See DESIGN.md, "Segments".
 */
final class SegmentWatch {
	/** Timer ids of the segment timer: {@code segments@dueAt}; one per customer and journey, kept across stages. */
	static final String TIMER_PREFIX = "segments@";
	/** How many instants at which a time-dependent feature changes are tried before a timer is set to look again. */
	static final int MAX_LOOKAHEAD = 400;

	final String[] names;
	private final CompiledExpr[] conditions;
	private final int firstBit;
	/** The features the watched conditions read whose value moves with time alone. */
	private final int[] timeFeatures;

	SegmentWatch(List<String> names, List<CompiledExpr> conditions, int firstBit, int[] timeFeatures) {
		if (names.size() > 64) {
			throw new IllegalArgumentException("a journey's triggers may watch at most 64 segments, not " + names.size());
		}
		this.names = names.toArray(String[]::new);
		this.conditions = conditions.toArray(CompiledExpr[]::new);
		this.firstBit = firstBit;
		this.timeFeatures = timeFeatures;
	}

	static boolean isTimer(String timerId) {
		return timerId.startsWith(TIMER_PREFIX);
	}

	int index(String segment) {
		for (int s = 0; s < names.length; s++) {
			if (names[s].equals(segment)) {
				return s;
			}
		}
		return -1;
	}

	/** Words of {@code firedTriggers} a state needs. */
	int words() {
		return (firstBit + names.length + 63) / 64;
	}

	/** The segments the customer is in at {@code moment}, as a mask by segment index. */
	long membership(StepMoment moment) {
		long mask = 0;
		for (int s = 0; s < conditions.length; s++) {
			if (conditions[s].test(moment)) {
				mask |= 1L << s;
			}
		}
		return mask;
	}

	/** The membership recorded after the customer's last input. */
	long recorded(CustomerState state) {
		long mask = 0;
		for (int s = 0; s < names.length; s++) {
			int bit = firstBit + s;
			if ((state.firedTriggers[bit >>> 6] & (1L << bit)) != 0) {
				mask |= 1L << s;
			}
		}
		return mask;
	}

	void record(CustomerState state, long mask) {
		for (int s = 0; s < names.length; s++) {
			int bit = firstBit + s;
			if ((mask & (1L << s)) != 0) {
				state.firedTriggers[bit >>> 6] |= 1L << bit;
			} else {
				state.firedTriggers[bit >>> 6] &= ~(1L << bit);
			}
		}
	}

	/**
	 * The first instant after {@code at} at which the membership differs from {@code mask} with no
	 * new input (attributes and scores only change with inputs): the instants at which a time-dependent
	 * feature the conditions read changes are tried in order; {@link Long#MAX_VALUE} when none is left.
	 * After {@link #MAX_LOOKAHEAD} of them without a change, that instant (to look again from there).
	 */
	long nextChange(CustomerState state, CompiledJourney journey, long at, long mask) {
		if (timeFeatures.length == 0) {
			return Long.MAX_VALUE;
		}
		long t = at;
		for (int i = 0; i < MAX_LOOKAHEAD; i++) {
			long next = Long.MAX_VALUE;
			for (int f : timeFeatures) {
				next = Math.min(next, journey.features[f].nextChangeAfter(state.features[f], t));
			}
			if (next == Long.MAX_VALUE) {
				return Long.MAX_VALUE;
			}
			t = next;
			if (membership(new StepMoment(state, journey, t, null)) != mask) {
				return t;
			}
		}
		return t;
	}

	/** The pending segment timer's id, or null. */
	static String pendingTimer(CustomerState state) {
		for (String timerId : state.pendingTimers) {
			if (isTimer(timerId)) {
				return timerId;
			}
		}
		return null;
	}

	/** The features {@code condition} reads whose value can change with time alone. */
	static void collectTimeFeatures(Expr condition, FeatureDefinition[] features, java.util.Map<String, Integer> featureIndex,
			List<Integer> into) {
		List<String> names = new ArrayList<>();
		collectFeatures(condition, names);
		for (String name : names) {
			Integer f = featureIndex.get(name);
			if (f != null && features[f].changesWithTime() && !into.contains(f)) {
				into.add(f);
			}
		}
	}

	private static void collectFeatures(Expr expr, List<String> into) {
		if (expr instanceof Expr.FeatureRef ref) {
			into.add(ref.feature());
		} else if (expr instanceof Expr.Not not) {
			collectFeatures(not.operand(), into);
		} else if (expr instanceof Expr.Negate negate) {
			collectFeatures(negate.operand(), into);
		} else if (expr instanceof Expr.Binary binary) {
			collectFeatures(binary.left(), into);
			collectFeatures(binary.right(), into);
		} else if (expr instanceof Expr.Membership membership) {
			collectFeatures(membership.element(), into);
			membership.candidates().forEach(candidate -> collectFeatures(candidate, into));
		}
	}
}
