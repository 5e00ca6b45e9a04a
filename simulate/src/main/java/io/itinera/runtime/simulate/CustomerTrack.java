package io.itinera.runtime.simulate;

import java.util.Arrays;

/**
 * What the report remembers of one customer during a replay, so it counts customers rather than
 * occurrences: which stages and edges they took, their visit and conversion, their split arms and
 * messages per day, the rules that reached them, and when they entered each stage of the visit. Small and fixed in size; the driver keeps it beside the customer's state.
 */
final class CustomerTrack {
	static final long NEVER = Long.MIN_VALUE;

	final String customerId;
	/** Bit i: the customer has entered stage i (the first 64 stages). */
	long stagesEntered;
	/** Bit i: the customer has taken edge i (the first 64 edges). */
	long edgesTaken;
	long visitStart = NEVER;
	boolean visitConverted;
	boolean everConverted;
	/** Per split: the arm index, or -1 before the customer reaches the split's stage. */
	byte[] splitArms;
	/** Bit i: converted after being assigned in split i. */
	long splitsConverted;
	/** Per split: the goal value (revenue) reached after being assigned. */
	final double[] splitRevenue;
	long messageDay = NEVER;
	int messagesThatDay;
	long messageWeek = NEVER;
	int messagesThatWeek;
	/** Bit r (of all words): the customer got an action of rule r. */
	final long[] rulesReached;
	/** Bit r: the customer reached the goal after getting an action of rule r. */
	final long[] rulesConverted;
	/** Per stage: when the customer first entered it in the current visit ({@link #NEVER}: not yet); null before a visit. */
	long[] stageEnteredInVisit;
	/** Per slot of {@link ConversionsAfterSend}: the latest message and the one before it (null before any message). */
	long[] sendTimes;
	/** Bit i: the customer got a message of slot i; null before any. */
	long[] sendSlots;
	/** Bit i: a goal event followed one of slot i's messages within the window. */
	long[] sendSlotsConverted;
	/** The next month's end at which {@link SegmentSizes} counts the customer ({@link #NEVER}: before their first input). */
	long segmentsDue = NEVER;
	/** Bit s: the customer was in segment s at the previous month's end (the first 64 segments). */
	long segmentsIn;
	/** Sends of recommended items not yet named by a later event (null for most customers). */
	java.util.List<RecommendationHits.Pending> pendingRecommendations;

	CustomerTrack(String customerId, int splitCount) {
		this(customerId, splitCount, 0);
	}

	CustomerTrack(String customerId, int splitCount, int ruleCount) {
		this.customerId = customerId;
		this.splitArms = new byte[splitCount];
		Arrays.fill(splitArms, (byte) -1);
		this.splitRevenue = new double[splitCount];
		this.rulesReached = new long[(ruleCount + 63) / 64];
		this.rulesConverted = new long[rulesReached.length];
	}

	static boolean has(long[] bits, int index) {
		return index / 64 < bits.length && (bits[index / 64] & (1L << index)) != 0;
	}

	/** Sets the bit; false when it was set already or lies beyond the words. */
	static boolean set(long[] bits, int index) {
		if (index / 64 >= bits.length || (bits[index / 64] & (1L << index)) != 0) {
			return false;
		}
		bits[index / 64] |= 1L << index;
		return true;
	}
}
