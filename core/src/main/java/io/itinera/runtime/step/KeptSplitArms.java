package io.itinera.runtime.step;

import io.itinera.runtime.plan.Split;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The split arms a customer keeps across a change of the split's percentages: a migration records
 * the arm each customer had (a customer-state extension), and the step function uses it instead of
 * the hash while the split still has that arm. Customers who come after the change get the hash's.
 */
public final class KeptSplitArms {
	static final String EXTENSION = "split-arms";

	private KeptSplitArms() {
	}

	/** The arm the customer keeps in {@code split}, if the split still has it; else null. */
	public static String of(CustomerState state, Split split) {
		byte[] kept = state.extension(EXTENSION);
		if (kept == null) {
			return null;
		}
		String label = read(kept).get(split.name());
		if (label == null) {
			return null;
		}
		for (Split.Arm arm : split.arms()) {
			if (arm.label().equals(label)) {
				return label;
			}
		}
		return "holdout".equals(label) ? label : null;
	}

	/** Records the customer's arm of {@code split} unless one is recorded already. */
	public static void keep(CustomerState state, String split, String label) {
		byte[] kept = state.extension(EXTENSION);
		Map<String, String> arms = kept == null ? new TreeMap<>() : read(kept);
		if (arms.putIfAbsent(split, label) == null) {
			StringBuilder text = new StringBuilder();
			arms.forEach((name, arm) -> text.append(name).append('\t').append(arm).append('\n'));
			state.putExtension(EXTENSION, text.toString().getBytes(StandardCharsets.UTF_8));
		}
	}

	/** Whether the customer's goal conversion was counted for a learning split (once per customer). */
	static boolean converted(CustomerState state, String split) {
		byte[] kept = state.extension(EXTENSION);
		return kept != null && read(kept).containsKey(split + CONVERTED);
	}

	static void markConverted(CustomerState state, String split) {
		keep(state, split + CONVERTED, "yes");
	}

	/** A key beside the split's own (no split name has a NUL). */
	private static final String CONVERTED = "\0converted";

	private static Map<String, String> read(byte[] kept) {
		Map<String, String> arms = new TreeMap<>();
		for (String line : new String(kept, StandardCharsets.UTF_8).split("\n")) {
			int tab = line.indexOf('\t');
			if (tab > 0) {
				arms.put(line.substring(0, tab), line.substring(tab + 1));
			}
		}
		return arms;
	}
}
