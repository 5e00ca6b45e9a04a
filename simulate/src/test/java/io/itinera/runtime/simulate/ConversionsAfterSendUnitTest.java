package io.itinera.runtime.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The edges of "a goal event later than a message and at most the window after it", customers once per slot. */
class ConversionsAfterSendUnitTest {
	private static final long W = 1_000;

	@Test
	void aGoalAtTheMessagesInstantDoesNotCountForItButAnEarlierMessageStillCounts() {
		ConversionsAfterSend counts = new ConversionsAfterSend(W, 2);
		CustomerTrack a = new CustomerTrack("a", 0);
		counts.sent(a, 0, 500);
		counts.sent(a, 0, 1_200); // a second message at the goal's instant
		counts.goalEvent(a, 1_200);
		assertEquals(1, counts.converted(0), "the message at 500 is 700 before the goal");
		CustomerTrack b = new CustomerTrack("b", 0);
		counts.sent(b, 1, 1_200);
		counts.goalEvent(b, 1_200); // the purchase a rule answered
		assertEquals(0, counts.converted(1));
		counts.goalEvent(b, 2_200); // exactly the window later: in
		assertEquals(1, counts.converted(1));
		counts.goalEvent(b, 2_100);
		assertEquals(1, counts.converted(1), "each customer once");
		assertEquals(1, counts.sent(0));
		assertEquals(1, counts.sent(1));
	}

	@Test
	void aGoalPastTheWindowOrBeforeAnyMessageDoesNotCount() {
		ConversionsAfterSend counts = new ConversionsAfterSend(W, 1);
		CustomerTrack c = new CustomerTrack("c", 0);
		counts.goalEvent(c, 100);
		counts.sent(c, 0, 200);
		counts.goalEvent(c, 1_201);
		assertEquals(0, counts.converted(0));
		counts.sent(c, 0, 1_500);
		counts.goalEvent(c, 2_400);
		assertEquals(1, counts.converted(0));
	}
}
