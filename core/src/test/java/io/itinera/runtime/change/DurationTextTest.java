package io.itinera.runtime.change;

import static io.itinera.runtime.plan.SamplePlans.at;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.itinera.runtime.plan.Cap;
import io.itinera.runtime.plan.Channel;
import io.itinera.runtime.plan.ExprText;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.Reentry;
import io.itinera.runtime.plan.SamplePlans;
import io.itinera.runtime.plan.Transition;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Durations come back as a journey writes them: in days, hours, minutes or seconds, never turned into weeks. */
class DurationTextTest {
	private static final long MINUTE = 60_000L;
	private static final long DAY = 24 * 60 * MINUTE;

	@Test
	void theLargestOfDaysHoursMinutesAndSecondsThatDividesIt() {
		assertEquals("21 days", ExprText.duration(21 * DAY));
		assertEquals("7 days", ExprText.duration(7 * DAY));
		assertEquals("1 day", ExprText.duration(DAY));
		assertEquals("6 hours", ExprText.duration(6 * 60 * MINUTE));
		assertEquals("90 minutes", ExprText.duration(90 * MINUTE));
		assertEquals("45 seconds", ExprText.duration(45_000));
		assertEquals("1500 ms", ExprText.duration(1_500));
	}

	@Test
	void timersCapsAndReentryInPlanTextAndInADiff() {
		assertEquals("after 21 days", PlanText.trigger(new Transition.AfterDelay(21 * DAY, "Lapsed", at(1))));
		assertEquals("email 1 per 14 days", new Cap(1, 14 * DAY, Channel.EMAIL, at(1)).describe());

		JourneyPlan old = SamplePlans.cartRecovery();
		JourneyPlan changed = new JourneyPlan(old.formatVersion(), old.name(), old.title(), old.location(), old.entry(),
				Reentry.after(21 * DAY, at(3)), old.exits(), old.goal(), old.attributes(), old.events(), old.features(),
				old.models(), old.stages(), old.campaigns(), old.splits(), old.tests(), old.phases(), old.migration());
		List<PlanChange> changes = PlanDiff.between(old, changed);
		assertEquals("reentry after 30 days is now reentry after 21 days", changes.get(0).description());
	}
}
