package io.itinera.runtime.step;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.itinera.runtime.plan.Action;
import io.itinera.runtime.plan.Broadcast;
import io.itinera.runtime.plan.Channel;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The next occurrence of a broadcast in a customer's zone: strictly after the instant, weekday and DST respected. */
class BroadcastsTest {
	private static Broadcast at(int weekday, int minuteOfDay) {
		return new Broadcast("B", null, weekday, minuteOfDay, "S", new Action.Send(Channel.EMAIL, "t", List.of(), null), null);
	}

	private static Instant next(Broadcast broadcast, String after, String zone) {
		return Instant.ofEpochMilli(Broadcasts.nextOccurrence(broadcast, Instant.parse(after).toEpochMilli(), ZoneId.of(zone)));
	}

	@Test
	void everyDayIsTheNextLocalTimeStrictlyAfter() {
		Broadcast tenDaily = at(0, 600);
		assertEquals(Instant.parse("2025-01-06T09:00:00Z"), next(tenDaily, "2025-01-06T08:00:00Z", "Europe/Berlin"));
		assertEquals(Instant.parse("2025-01-07T09:00:00Z"), next(tenDaily, "2025-01-06T09:00:00Z", "Europe/Berlin"));
		assertEquals(Instant.parse("2025-01-06T15:00:00Z"), next(tenDaily, "2025-01-06T09:00:00Z", "America/New_York"));
	}

	@Test
	void aWeekdayWaitsForThatDayAndFollowsSummerTime() {
		Broadcast mondayTen = at(1, 600);
		// Wednesday 2025-03-26 -> Monday 2025-03-31, after Berlin moved to summer time (UTC+2)
		assertEquals(Instant.parse("2025-03-31T08:00:00Z"), next(mondayTen, "2025-03-26T12:00:00Z", "Europe/Berlin"));
		// at the very instant: a week later
		assertEquals(Instant.parse("2025-04-07T08:00:00Z"), next(mondayTen, "2025-03-31T08:00:00Z", "Europe/Berlin"));
	}
}
