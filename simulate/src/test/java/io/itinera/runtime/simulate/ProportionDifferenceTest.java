package io.itinera.runtime.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProportionDifferenceTest {

	/** Newcombe (1998), Statistics in Medicine 17:873-890, table II example: 56/70 vs 48/80, method 10. */
	@Test
	void matchesNewcombesPublishedExample() {
		ProportionDifference lift = ProportionDifference.of(56, 70, 48, 80);
		assertEquals(0.2, lift.difference(), 1e-12);
		assertEquals(0.0524, lift.low(), 5e-5);
		assertEquals(0.3339, lift.high(), 5e-5);
		assertTrue(lift.significant());
	}

	/** 30 of 100 treated against 20 of 100 held out, worked by hand. */
	@Test
	void matchesAHandCalculation() {
		double z = 1.959963984540054;
		double z2 = z * z; // 3.841458820694124
		// Wilson for 30/100: centre (0.3 + z2/200) / (1 + z2/100), half-width z/(1 + z2/100) * sqrt(0.3*0.7/100 + z2/40000)
		double d = 1 + z2 / 100;
		double l1 = (0.3 + z2 / 200) / d - z / d * Math.sqrt(0.21 / 100 + z2 / 40000);
		double u1 = (0.3 + z2 / 200) / d + z / d * Math.sqrt(0.21 / 100 + z2 / 40000);
		double l0 = (0.2 + z2 / 200) / d - z / d * Math.sqrt(0.16 / 100 + z2 / 40000);
		double u0 = (0.2 + z2 / 200) / d + z / d * Math.sqrt(0.16 / 100 + z2 / 40000);
		assertEquals(0.21894885, l1, 1e-8);
		assertEquals(0.39584855, u1, 1e-8);
		assertEquals(0.13336693, l0, 1e-8);
		assertEquals(0.28882917, u0, 1e-8);
		double low = 0.1 - Math.sqrt((0.3 - l1) * (0.3 - l1) + (u0 - 0.2) * (u0 - 0.2));
		double high = 0.1 + Math.sqrt((u1 - 0.3) * (u1 - 0.3) + (0.2 - l0) * (0.2 - l0));
		assertEquals(-0.02024936, low, 1e-8);
		assertEquals(0.21673435, high, 1e-8);

		ProportionDifference lift = ProportionDifference.of(30, 100, 20, 100);
		assertEquals(0.3, lift.treated(), 1e-12);
		assertEquals(0.2, lift.control(), 1e-12);
		assertEquals(0.1, lift.difference(), 1e-12);
		assertEquals(low, lift.low(), 1e-12);
		assertEquals(high, lift.high(), 1e-12);
		assertEquals(0.5, lift.relative(), 1e-12);
		assertFalse(lift.significant());
		// narrower than nothing, wider than Wald's, which is 0.1 +/- 1.96 * sqrt(.21/100 + .16/100) = [-0.0192, 0.2192]
		double wald = z * Math.sqrt(0.0021 + 0.0016);
		assertTrue(lift.low() < 0.1 - wald && lift.high() < 0.1 + wald);
	}

	@Test
	void zeroConversionsInTheHoldoutKeepTheIntervalInsideTheRange() {
		ProportionDifference lift = ProportionDifference.of(5, 40, 0, 38);
		assertEquals(0.125, lift.difference(), 1e-12);
		assertEquals(0.00930248, lift.low(), 1e-8);
		assertEquals(0.26112120, lift.high(), 1e-8);
		assertTrue(Double.isNaN(lift.relative()));
	}

	@Test
	void anEmptyArmHasNoInterval() {
		ProportionDifference lift = ProportionDifference.of(3, 10, 0, 0);
		assertEquals(0.3, lift.treated(), 1e-12);
		assertTrue(Double.isNaN(lift.difference()));
		assertTrue(Double.isNaN(lift.low()));
	}
}
