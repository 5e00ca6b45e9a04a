package io.itinera.cli.train;

import java.util.Arrays;

/**
 * Quintile cut points of recency, frequency and monetary value over the customers seen, and the
 * 1..5 scores they give. Per measure, over the customers that have a value (NaN left out), with
 * the values sorted ascending v(1) ≤ … ≤ v(n): cut point {@code c_i = v(ceil(i·n/5))}, i = 1..4
 * (the nearest-rank 20th, 40th, 60th and 80th percentiles). Frequency and monetary score
 * {@code 1 + #{i : x > c_i}}; recency is reversed, {@code 5 − #{i : x > c_i}}, so 5 is the most
 * recent. Equal values always get equal scores, so a score can be empty (when more than 40% of
 * customers ordered once, every one-order customer gets F 1 and nobody F 2). No value (never
 * ordered) scores 1.
 */
record RfmQuintiles(float[] recencyCuts, float[] frequencyCuts, float[] monetaryCuts, int[] customers) {
	static final int CUTS = 4;

	static RfmQuintiles fit(float[] recency, float[] frequency, float[] monetary) {
		return new RfmQuintiles(cuts(recency), cuts(frequency), cuts(monetary),
				new int[] { present(recency).length, present(frequency).length, present(monetary).length });
	}

	static float[] cuts(float[] values) {
		float[] sorted = present(values);
		Arrays.sort(sorted);
		float[] cuts = new float[CUTS];
		if (sorted.length == 0) {
			Arrays.fill(cuts, Float.NaN);
			return cuts;
		}
		for (int i = 1; i <= CUTS; i++) {
			int rank = (int) Math.ceil(i * (double) sorted.length / (CUTS + 1));
			cuts[i - 1] = sorted[Math.max(rank, 1) - 1];
		}
		return cuts;
	}

	int recencyScore(float days) {
		return Float.isNaN(days) ? 1 : CUTS + 1 - above(days, recencyCuts);
	}

	int frequencyScore(float orders) {
		return Float.isNaN(orders) ? 1 : 1 + above(orders, frequencyCuts);
	}

	int monetaryScore(float spend) {
		return Float.isNaN(spend) ? 1 : 1 + above(spend, monetaryCuts);
	}

	private static int above(float value, float[] cuts) {
		int count = 0;
		for (float cut : cuts) {
			count += value > cut ? 1 : 0;
		}
		return count;
	}

	private static float[] present(float[] values) {
		int n = 0;
		float[] kept = new float[values.length];
		for (float value : values) {
			if (!Float.isNaN(value)) {
				kept[n++] = value;
			}
		}
		return Arrays.copyOf(kept, n);
	}
}
