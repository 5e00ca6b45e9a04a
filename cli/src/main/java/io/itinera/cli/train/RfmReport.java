package io.itinera.cli.train;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The report next to an RFM model: the definition, the cut points, and how many customers got each score. */
record RfmReport(Path journey, Path events, List<String> inputs, CustomerTable table, RfmQuintiles quintiles,
		int[][] scores, MonthlySizes monthly, Path modelFile) {
	private static final String[] MEASURES = { "R (recency)", "F (frequency)", "M (monetary)" };

	String summary() {
		return String.format(Locale.ROOT, "rfm: %d customers as of %s; cut points R %s, F %s, M %s", table.size(),
				Instant.ofEpochMilli(table.asOf()), list(quintiles.recencyCuts()), list(quintiles.frequencyCuts()),
				list(quintiles.monetaryCuts()));
	}

	String markdown() {
		StringBuilder text = new StringBuilder();
		text.append(String.format(Locale.ROOT, """
				# RFM quintiles of %s

				Computed by `itinera train rfm` from `%s`: %d customers, as of %s.
				Inputs, in order: %s (recency in whole days, frequency, monetary), as the journey's features
				give them at that moment.

				Per measure, over the customers with a value, sorted ascending v(1) ≤ … ≤ v(n): the cut points are
				c_i = v(ceil(i·n/5)), i = 1..4. F and M score 1 + #{i : x > c_i}; R is reversed, 5 − #{i : x > c_i}
				(5 = most recent). Equal values get equal scores, so a score can be empty; no value scores 1.

				| measure | customers | c1 | c2 | c3 | c4 |
				| --- | --- | --- | --- | --- | --- |
				""", journey.getFileName(), events.getFileName(), table.size(), Instant.ofEpochMilli(table.asOf()),
				String.join(", ", inputs)));
		float[][] cuts = { quintiles.recencyCuts(), quintiles.frequencyCuts(), quintiles.monetaryCuts() };
		for (int m = 0; m < 3; m++) {
			text.append("| ").append(MEASURES[m]).append(" | ").append(quintiles.customers()[m]);
			for (float cut : cuts[m]) {
				text.append(" | ").append(number(cut));
			}
			text.append(" |\n");
		}
		text.append("\nCustomers per score:\n\n| score | R | F | M |\n| --- | --- | --- | --- |\n");
		for (int score = 5; score >= 1; score--) {
			text.append("| ").append(score);
			for (int m = 0; m < 3; m++) {
				text.append(" | ").append(count(scores[m], score));
			}
			text.append(" |\n");
		}
		int champions = 0;
		for (int i = 0; i < table.size(); i++) {
			champions += scores[0][i] >= 4 && scores[1][i] >= 4 ? 1 : 0;
		}
		text.append(String.format(Locale.ROOT, "%nR ≥ 4 and F ≥ 4 (Champions): %d customers.%n", champions));
		text.append("\nSegment sizes at the end of each month (features as of then, these cut points):\n\n")
				.append(monthly.markdown());
		text.append("\nThe exported file `").append(modelFile.getFileName())
				.append("` gives every customer above the same three scores (checked through the engine's scorer).\n");
		return text.toString();
	}

	private static int count(int[] values, int score) {
		int count = 0;
		for (int value : values) {
			count += value == score ? 1 : 0;
		}
		return count;
	}

	private static String list(float[] cuts) {
		StringBuilder text = new StringBuilder("[");
		for (int i = 0; i < cuts.length; i++) {
			text.append(i == 0 ? "" : ", ").append(number(cuts[i]));
		}
		return text.append("]").toString();
	}

	private static String number(float value) {
		return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.2f", value);
	}
}
