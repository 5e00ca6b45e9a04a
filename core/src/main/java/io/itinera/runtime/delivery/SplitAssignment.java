package io.itinera.runtime.delivery;

import io.itinera.runtime.plan.Split;
import java.nio.charset.StandardCharsets;

/**
 * Which arm of a split a customer is in: MurmurHash3 (x86, 32-bit, seed 0) over the UTF-8 bytes
 * of journey, split and customer id (separated by NUL), mapped onto [0, 100) and walked through
 * the arms' percentages. The same customer lands in the same arm on every run and machine, and
 * different splits (or journeys) assign independently.
 */
public final class SplitAssignment {
	private SplitAssignment() {
	}

	public static String armOf(String journey, String customerId, Split split) {
		int place = place(journey, split.name(), customerId);
		int upTo = 0;
		for (Split.Arm arm : split.arms()) {
			upTo += arm.percent();
			if (place < upTo) {
				return arm.label();
			}
		}
		return "holdout"; // percentages under 100: the rest is held out
	}

	/**
	 * The arm of a learning split ({@link Split#learns()}): the same hash as a fraction u in [0, 1); the
	 * holdout's fixed share (its arms, and whatever the percentages leave under 100) comes first, then the
	 * campaign arms by {@code weights} (one per arm in the split's order; null: their percentages).
	 */
	public static String armOf(String journey, String customerId, Split split, double[] weights) {
		double u = (murmur3(key(journey, split.name(), customerId)) & 0xFFFF_FFFFL) / 4294967296.0;
		int campaignPercent = 0;
		double total = 0;
		for (int a = 0; a < split.arms().size(); a++) {
			Split.Arm arm = split.arms().get(a);
			if (!arm.holdout()) {
				campaignPercent += arm.percent();
				total += weights == null ? arm.percent() : weights[a];
			}
		}
		double holdout = (100 - campaignPercent) / 100.0;
		if (u < holdout || total <= 0) {
			return "holdout";
		}
		double v = (u - holdout) / (1 - holdout) * total;
		double upTo = 0;
		String last = "holdout";
		for (int a = 0; a < split.arms().size(); a++) {
			Split.Arm arm = split.arms().get(a);
			if (!arm.holdout()) {
				double weight = weights == null ? arm.percent() : weights[a];
				upTo += weight;
				if (weight > 0) {
					last = arm.label();
					if (v < upTo) {
						return last;
					}
				}
			}
		}
		return last; // rounding at the very top
	}

	/**
	 * The share of the split's customers each arm gets (in the split's order) under {@code weights} (null:
	 * the starting percentages): a holdout's fixed percentage, the campaign arms' share by weight.
	 */
	public static double[] shares(Split split, double[] weights) {
		double total = 0;
		int campaignPercent = 0;
		for (int a = 0; a < split.arms().size(); a++) {
			Split.Arm arm = split.arms().get(a);
			if (!arm.holdout()) {
				campaignPercent += arm.percent();
				total += weights == null ? arm.percent() : weights[a];
			}
		}
		double[] shares = new double[split.arms().size()];
		for (int a = 0; a < shares.length; a++) {
			Split.Arm arm = split.arms().get(a);
			double weight = weights == null ? arm.percent() : weights[a];
			shares[a] = arm.holdout() ? arm.percent() / 100.0 : total <= 0 ? 0 : weight / total * campaignPercent / 100.0;
		}
		return shares;
	}

	private static byte[] key(String journey, String split, String customerId) {
		return (journey + '\0' + split + '\0' + customerId).getBytes(StandardCharsets.UTF_8);
	}

	/** The customer's place in the split, 0 to 99. */
	public static int place(String journey, String split, String customerId) {
		long unsigned = murmur3(key(journey, split, customerId)) & 0xFFFF_FFFFL;
		return (int) ((unsigned * 100) >>> 32);
	}

	static int murmur3(byte[] data) {
		final int c1 = 0xcc9e2d51;
		final int c2 = 0x1b873593;
		int h = 0;
		int blocks = data.length / 4;
		for (int i = 0; i < blocks; i++) {
			int k = (data[4 * i] & 0xff) | (data[4 * i + 1] & 0xff) << 8 | (data[4 * i + 2] & 0xff) << 16 | (data[4 * i + 3] & 0xff) << 24;
			k *= c1;
			k = Integer.rotateLeft(k, 15);
			k *= c2;
			h ^= k;
			h = Integer.rotateLeft(h, 13);
			h = h * 5 + 0xe6546b64;
		}
		int tail = blocks * 4;
		int k = 0;
		switch (data.length & 3) {
			case 3:
				k ^= (data[tail + 2] & 0xff) << 16;
				// fall through
			case 2:
				k ^= (data[tail + 1] & 0xff) << 8;
				// fall through
			case 1:
				k ^= data[tail] & 0xff;
				k *= c1;
				k = Integer.rotateLeft(k, 15);
				k *= c2;
				h ^= k;
				break;
			default:
				break;
		}
		h ^= data.length;
		h ^= h >>> 16;
		h *= 0x85ebca6b;
		h ^= h >>> 13;
		h *= 0xc2b2ae35;
		h ^= h >>> 16;
		return h;
	}
}
