package io.itinera.runtime.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Quartiles and the difference of mean revenue, checked against sums done by hand. */
class RevenueStatisticsTest {
	@Test
	void quartilesInterpolateBetweenOrderStatistics() {
		// sorted 1 2 3 4 10: positions 1, 2, 3 of 0..4
		assertEquals(new Quartiles(5, 2, 3, 4), Quartiles.of(new long[] { 10, 3, 1, 4, 2 }, 5));
		// sorted 1 2 3 4: positions 0.75, 1.5, 2.25
		assertEquals(new Quartiles(4, 1.75, 2.5, 3.25), Quartiles.of(new long[] { 4, 1, 3, 2, 99 }, 4));
		assertEquals(new Quartiles(1, 7, 7, 7), Quartiles.of(new long[] { 7 }, 1));
		assertNull(Quartiles.of(new long[0], 0));
	}

	/**
	 * Treated 0, 10, 20 (mean 10, variance 100); control 0, 0, 0, 4 (mean 1, variance 4): difference
	 * 9, standard error √(100/3 + 4/4) = √(34.33…).
	 */
	@Test
	void meanRevenueDifferenceHasANormalInterval() {
		MeanDifference d = MeanDifference.of(3, 30, 500, 4, 4, 16);
		assertEquals(10, d.treated(), 1e-12);
		assertEquals(1, d.control(), 1e-12);
		assertEquals(9, d.difference(), 1e-12);
		double se = Math.sqrt(100.0 / 3 + 1);
		assertEquals(9 - 1.959963984540054 * se, d.low(), 1e-9);
		assertEquals(9 + 1.959963984540054 * se, d.high(), 1e-9);
		assertFalse(d.significant(), "with three and four customers the interval spans zero");
	}

	@Test
	void tooFewCustomersGiveNoInterval() {
		MeanDifference d = MeanDifference.of(1, 5, 25, 10, 0, 0);
		assertEquals(5, d.treated(), 1e-12);
		assertTrue(Double.isNaN(d.difference()));
		assertTrue(Double.isNaN(d.low()));
	}
}
