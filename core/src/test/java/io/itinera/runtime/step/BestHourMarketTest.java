package io.itinera.runtime.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.rules.CampaignRules;
import io.itinera.runtime.rules.RuleAction;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Send at best hour against a fixed 10:00 send, in a small market with known true parameters: each
 * customer opens a message arriving in local hour h with probability 0.05 + 0.35 exp(-d²/8), d the
 * distance in hours (round the clock) from their personal peak hour, drawn uniformly from 08..21.
 * Their history is 40 days of one message a day at a random hour, each opened (a product_view, the
 * engagement event here) with that probability; then a cart is abandoned at a random hour and the
 * reminder goes at the best hour (fallback 10:00) or, in the baseline, at 10:00. Opens are the
 * expected opens (the sum of the true probabilities at the hour each reminder arrived), so the
 * comparison has no sampling noise of its own. Nothing is fitted: the parameters are the inputs.
 */
class BestHourMarketTest {
	private static final long HOUR = DeliveryTest.HOUR;
	private static final long DAY = DeliveryTest.DAY;
	private static final long START = DeliveryTest.MIDNIGHT;
	private static final int CUSTOMERS = 2000;
	private static final int HISTORY_DAYS = 40;

	private final CampaignRules rules = customer -> List.of(new RuleAction("Rescue", "Plain reminder", 0, "send", "push",
			"cart_reminder", Map.of()));

	static double openProbability(int hour, int peak) {
		int d = Math.abs(hour - peak);
		d = Math.min(d, 24 - d);
		return 0.05 + 0.35 * Math.exp(-d * d / 8.0);
	}

	/** Expected opens per customer: {best hour, fixed 10:00}. */
	private double[] market(long seed) {
		JourneyPlan plan = BestHourTest.bestHourPlan(10 * 60);
		PlanStep step = new PlanStep(plan, rules);
		SplittableRandom random = new SplittableRandom(seed);
		double bestHourOpens = 0;
		double fixedOpens = 0;
		int reached = 0;
		for (int i = 0; reached < CUSTOMERS; i++) {
			String id = "c" + seed + "-" + i;
			if (!PlanStep.armOf(plan.name(), id, plan.splits().get(0)).equals("Rescue")) {
				continue; // the holdout gets no reminder in either policy
			}
			reached++;
			int peak = 8 + random.nextInt(14);
			CustomerState state = step.initialState(id);
			for (int day = 0; day < HISTORY_DAYS; day++) {
				int hour = random.nextInt(24);
				if (random.nextDouble() < openProbability(hour, peak)) {
					long openedAt = START + day * DAY + hour * HOUR + random.nextInt(50) * 60_000L;
					step.applyInPlace(state, PlanStepTest.event(id, openedAt, "product_view", "category", "news", "price", 0.0));
				}
			}
			long decidedAt = START + (HISTORY_DAYS + 1) * DAY + random.nextInt(24) * HOUR + 30 * 60_000L;
			step.applyInPlace(state, PlanStepTest.event(id, decidedAt - HOUR, "cart_add", "price", 20.0));
			StepResult decided = step.applyInPlace(state, new TimerFired(id, "Carted#1@" + (decidedAt - HOUR), decidedAt));
			long sentAt = decided.actions().isEmpty() ? decided.deliveryNotices().get(0).releaseAt() : decided.actions().get(0).at();
			bestHourOpens += openProbability(Instant.ofEpochMilli(sentAt).atZone(ZoneOffset.UTC).getHour(), peak);
			fixedOpens += openProbability(10, peak);
		}
		return new double[] { bestHourOpens / CUSTOMERS, fixedOpens / CUSTOMERS };
	}

	@Test
	void bestHourBeatsAFixedTenOClockSendOnOpensOverThreeSeeds() {
		StringBuilder figures = new StringBuilder();
		for (long seed = 1; seed <= 3; seed++) {
			double[] opens = market(seed);
			figures.append(String.format(java.util.Locale.ROOT, "seed %d: best hour %.4f, fixed 10:00 %.4f, lift %.2fx%n", seed,
					opens[0], opens[1], opens[0] / opens[1]));
			assertTrue(opens[0] >= 1.3 * opens[1], "best hour must beat 10:00 by at least 30% on opens:\n" + figures);
		}
		System.out.print(figures);
	}

	@Test
	void theSameSeedGivesTheSameSendTimes() {
		double[] first = market(7);
		double[] second = market(7);
		assertEquals(first[0], second[0]);
		assertEquals(first[1], second[1]);
	}
}
