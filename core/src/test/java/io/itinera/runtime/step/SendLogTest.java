package io.itinera.runtime.step;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The send log caps count: counts by channel and window, and when a full cap frees a slot. */
class SendLogTest {
	@Test
	void theEarliestSendIsTheSmallestTimeNotTheFirstLogged() {
		SendLog log = new SendLog();
		log.add(0, 0, 5_000); // held by quiet hours: logged at its later release time
		log.add(1, 0, 2_000);
		log.add(2, 1, 1_000);
		assertEquals(2_000, log.earliest(0, 0));
		assertEquals(1_000, log.earliest(-1, 0));
		assertEquals(5_000, log.earliest(0, 2_000), "sends at or before 'since' are outside the window");
		assertEquals(Long.MAX_VALUE, log.earliest(3, 0));
		assertEquals(2, log.count(-1, 0, 0));
		SendLog read = SendLog.read(log.write());
		assertEquals(3, read.count(-1, -1, 0));
	}
}
