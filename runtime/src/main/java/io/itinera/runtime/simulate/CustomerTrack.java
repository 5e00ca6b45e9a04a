package io.itinera.runtime.simulate;

import java.util.Arrays;

/**
 * What the report remembers of one customer during a replay, so it counts customers rather than
 * occurrences: which stages and edges they took, their visit and conversion, their split arms and
 * messages per day. Small and fixed in size; the driver keeps it beside the customer's state.
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
	long messageDay = NEVER;
	int messagesThatDay;
	/** Sends of recommended items not yet named by a later event (null for most customers). */
	java.util.List<RecommendationHits.Pending> pendingRecommendations;

	CustomerTrack(String customerId, int splitCount) {
		this.customerId = customerId;
		this.splitArms = new byte[splitCount];
		Arrays.fill(splitArms, (byte) -1);
	}
}
