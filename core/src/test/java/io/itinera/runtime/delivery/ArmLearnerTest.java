package io.itinera.runtime.delivery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.plan.SourceLocation;
import io.itinera.runtime.plan.Split;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ArmLearnerTest {
	private static final SourceLocation HERE = new SourceLocation("t.journey", 1, 1);
	private static final Split SPLIT = new Split("Offers", "Nudged", List.of(new Split.Arm(45, "A", false, HERE),
			new Split.Arm(45, "B", false, HERE), new Split.Arm(10, null, true, HERE)), HERE,
			new Split.AutoWinner(100, 95, Split.AutoWinner.DEFAULT_EVERY_MILLIS));
	private static final long EPOCH = 1_740_787_200_000L;

	@Test
	void beforeEveryArmHasItsMinimumTheWeightsAreTheStartingPercentages() {
		ArmLearner.Weights weights = ArmLearner.weigh("J", SPLIT, EPOCH, new long[] { 99, 500, 50 }, new long[] { 0, 100, 5 }, null);
		assertArrayEquals(new double[] { 45, 45, 0 }, weights.weights());
		assertFalse(weights.stopped());
	}

	@Test
	void closeArmsAreExploredByTheShareOfDrawsEachWins() {
		ArmLearner.Weights weights = ArmLearner.weigh("J", SPLIT, EPOCH, new long[] { 1000, 1000, 200 }, new long[] { 100, 104, 20 },
				null);
		assertFalse(weights.stopped());
		assertEquals(1.0, weights.weights()[0] + weights.weights()[1], 1e-9);
		assertTrue(weights.weights()[1] > weights.weights()[0] && weights.weights()[0] > 0.1, () -> weights.weights()[0] + "");
		assertEquals(0, weights.weights()[2], "the holdout is no arm to learn");
		assertEquals("B", weights.leader());
	}

	@Test
	void aClearWinnerStopsTheExploringAndTheSplitStaysStopped() {
		ArmLearner.Weights weights = ArmLearner.weigh("J", SPLIT, EPOCH, new long[] { 2000, 2000, 400 }, new long[] { 200, 300, 40 },
				null);
		assertTrue(weights.stopped());
		assertArrayEquals(new double[] { 0, 1, 0 }, weights.weights());
		ArmLearner.Weights later = ArmLearner.weigh("J", SPLIT, EPOCH + 1, new long[] { 2000, 9000, 400 },
				new long[] { 200, 900, 40 }, weights);
		assertArrayEquals(new double[] { 0, 1, 0 }, later.weights(), "stopped stays stopped");
	}

	@Test
	void theWeightsAreAFunctionOfTheCountsAndTheEpochAlone() {
		long[] exposures = { 1000, 1000, 200 };
		long[] conversions = { 100, 106, 20 };
		ArmLearner.Weights once = ArmLearner.weigh("J", SPLIT, EPOCH, exposures, conversions, null);
		ArmLearner.Weights again = ArmLearner.weigh("J", SPLIT, EPOCH, exposures, conversions, null);
		assertArrayEquals(once.weights(), again.weights());
		ArmLearner.Weights nextEpoch = ArmLearner.weigh("J", SPLIT, EPOCH + 43_200_000L, exposures, conversions, null);
		assertNotEquals(once.weights()[0], nextEpoch.weights()[0], "each epoch draws afresh");
		assertEquals(once.weights()[0], nextEpoch.weights()[0], 0.05);
	}

	@Test
	void betaDrawsHaveTheirMean() {
		SplittableRandom random = new SplittableRandom(1);
		double sum = 0;
		for (int i = 0; i < 20_000; i++) {
			sum += ArmLearner.beta(random, 13, 87);
		}
		assertEquals(0.13, sum / 20_000, 0.002);
	}

	@Test
	void aLearningSplitKeepsTheHoldoutsShareAndWalksTheWeights() {
		int holdout = 0;
		int b = 0;
		int startingA = 0;
		for (int i = 0; i < 20_000; i++) {
			String arm = SplitAssignment.armOf("J", "c" + i, SPLIT, new double[] { 0, 1, 0 });
			holdout += arm.equals("holdout") ? 1 : 0;
			b += arm.equals("B") ? 1 : 0;
			String starting = SplitAssignment.armOf("J", "c" + i, SPLIT, null);
			assertEquals(arm.equals("holdout"), starting.equals("holdout"), "the holdout does not depend on the weights");
			startingA += starting.equals("A") ? 1 : 0;
		}
		assertEquals(2_000, holdout, 150);
		assertEquals(20_000 - holdout, b);
		assertEquals(9_000, startingA, 250);
	}
}
