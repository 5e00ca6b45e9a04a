package io.itinera.cli.train;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The report next to a learned-segment model: how k was chosen, and each cluster in a marketer's terms. */
record SegmentsReport(Path journey, Path events, String model, CustomerTable table, SegmentTrainer.Result result,
		List<SegmentProfile> profiles, MonthlySizes monthly, Path modelFile, long seed, int sample, int restarts) {

	String summary() {
		StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%s: %d clusters of %d customers:", model,
				result.k(), table.size()));
		for (SegmentProfile profile : profiles) {
			text.append(String.format(Locale.ROOT, " %d %s (%d)%s", profile.cluster(), profile.name(), profile.customers(),
					profile.cluster() + 1 < profiles.size() ? "," : ""));
		}
		return text.toString();
	}

	String markdown() {
		List<String> inputs = table.columns();
		StringBuilder text = new StringBuilder(String.format(Locale.ROOT, """
				# Learned segments: model `%s` of %s

				Clustered by `itinera train segments` (k-means, k-means++ starts, %d per k, seed %d) from `%s`:
				%d customers, their features as of %s. Inputs, in order: %s.
				Each input is filled where missing (days since: one more than the most seen; others 0), then
				log(1 + max(0, x)), then standardised; the same steps are in the ONNX graph.

				k was chosen by the best mean silhouette on a seeded sample of %d customers:

				| k | mean silhouette |
				| --- | --- |
				""", model, journey.getFileName(), restarts, seed, events.getFileName(), table.size(),
				Instant.ofEpochMilli(table.asOf()), String.join(", ", inputs), Math.min(sample, table.size())));
		for (Map.Entry<Integer, Double> entry : result.silhouettes().entrySet()) {
			text.append(String.format(Locale.ROOT, "| %d%s | %s |%n", entry.getKey(),
					entry.getKey() == result.k() ? " (chosen)" : "",
					entry.getValue().isNaN() ? "– (one k given)" : String.format(Locale.ROOT, "%.3f", entry.getValue())));
		}
		text.append("\n| cluster | suggested name | customers | share |");
		inputs.forEach(input -> text.append(" mean ").append(input).append(" |"));
		text.append(" top categories (share of spend) |\n| --- | --- | --- | --- |");
		inputs.forEach(input -> text.append(" --- |"));
		text.append(" --- |\n");
		for (SegmentProfile profile : profiles) {
			text.append(String.format(Locale.ROOT, "| %d | %s | %d | %.1f%% |", profile.cluster(), profile.name(),
					profile.customers(), 100 * profile.share()));
			for (double mean : profile.means()) {
				text.append(String.format(Locale.ROOT, " %.1f |", mean));
			}
			text.append(' ').append(profile.topCategories().isEmpty() ? "–" : String.join(", ", profile.topCategories()))
					.append(" |\n");
		}
		text.append("""

				Names are suggestions from each centroid on the scaled (log, standardised) axes: recent when its
				days since is below the customers' mean; value, the mean of its frequency and spend coordinates,
				high above 0.5 and low below -0.5 (Champions, Promising, New customers when recent; At risk,
				valuable, Needs attention, Hibernating when not). Centroids, in the inputs' own units (on log
				scale, so nearer a median than a mean):

				""");
		double[][] centroids = result.clustering().centroids();
		for (int c = 0; c < centroids.length; c++) {
			double[] raw = result.scaling().unscale(centroids[c]);
			text.append("- ").append(c).append(':');
			for (int f = 0; f < raw.length; f++) {
				text.append(String.format(Locale.ROOT, " %s %.2f%s", inputs.get(f), raw[f], f + 1 < raw.length ? "," : ""));
			}
			text.append('\n');
		}
		text.append("\nCluster sizes at the end of each month (features as of then, nearest of these centroids):\n\n")
				.append(monthly.markdown());
		text.append(String.format(Locale.ROOT, """

				The exported file `%s` puts every customer above in the same cluster (checked through the engine's
				scorer). A journey reads `output cluster` (the number above) or `output membership[C]` (1 in cluster C).
				""", modelFile.getFileName()));
		return text.toString();
	}
}
