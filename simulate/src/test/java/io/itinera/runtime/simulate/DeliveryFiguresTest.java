package io.itinera.runtime.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.itinera.runtime.delivery.DeliveryOutcome;
import io.itinera.runtime.step.ActionRecord;
import io.itinera.runtime.step.DeliveryNotice;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Messages per channel by what became of them, and per customer per week (weeks from Monday, UTC). */
class DeliveryFiguresTest {
	private static long at(String instant) {
		return Instant.parse(instant).toEpochMilli();
	}

	private static ActionRecord send(String channel, long at) {
		return new ActionRecord("a" + at, "c1", at, "Rescue", "Plain", "send", channel, "t", Map.of(), Map.of());
	}

	private static DeliveryNotice notice(String channel, DeliveryOutcome outcome) {
		return new DeliveryNotice("c1", 0, "n", "Rescue", "Plain", channel, "t", outcome, 0);
	}

	@Test
	void sentHeldAndNotSentByReasonPerChannel() {
		DeliveryFigures figures = new DeliveryFigures("J");
		CustomerTrack track = new CustomerTrack("c1", 0);
		figures.sent(track, send("push", at("2024-01-15T10:00:00Z")));
		figures.sent(track, new ActionRecord("t", "c1", 0, "Rescue", "Plain", "tag", null, "x", Map.of(), Map.of()));
		figures.notice(notice("push", DeliveryOutcome.HELD_BY_QUIET_HOURS));
		figures.notice(notice("push", DeliveryOutcome.RELEASED));
		figures.notice(notice("push", DeliveryOutcome.SUPPRESSED_BY_CAP));
		figures.notice(notice("push", DeliveryOutcome.DROPPED_STAGE_LEFT));
		figures.notice(notice("email", DeliveryOutcome.SUPPRESSED_HOLDOUT));
		figures.notice(notice("email", DeliveryOutcome.SUPPRESSED_HOLDOUT));
		assertEquals(List.of(new SimulationReport.ChannelFigures("J", "email", 0, 0, 2, Map.of("holdout", 2L)),
				new SimulationReport.ChannelFigures("J", "push", 1, 1, 2, Map.of("cap", 1L, "left the stage", 1L))),
				figures.channels());
	}

	@Test
	void aWeekRunsFromMondayToSunday() {
		DeliveryFigures figures = new DeliveryFigures("J");
		CustomerTrack track = new CustomerTrack("c1", 0);
		figures.sent(track, send("push", at("2024-01-15T00:00:00Z"))); // Monday
		figures.sent(track, send("push", at("2024-01-21T23:59:59Z"))); // Sunday, same week
		figures.sent(track, send("email", at("2024-01-22T00:00:00Z"))); // next Monday
		figures.closeWeek(track);
		List<SimulationReport.WeekBin> weeks = figures.weeks();
		assertEquals(1, weeks.get(0).customerWeeks(), "one week with 1 message");
		assertEquals(1, weeks.get(1).customerWeeks(), "one week with 2");
		assertEquals(DeliveryFigures.WEEK_TOP, weeks.get(weeks.size() - 1).messages());
	}
}
