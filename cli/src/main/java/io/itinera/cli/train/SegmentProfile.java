package io.itinera.cli.train;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * One cluster in a marketer's terms: its size, the mean of every input (in the features' own
 * units, no value counted as the scaling's fill), its categories by share of the cluster's
 * spend, and a suggested name from where its centroid's recency, frequency and spend stand.
 */
record SegmentProfile(int cluster, String name, int customers, double share, double[] means, List<String> topCategories) {

	/**
	 * Where the recency (days since), frequency (count) and monetary (sum) inputs are among the
	 * model's inputs; -1 when the model has none.
	 */
	record Roles(int recency, int frequency, int monetary) {
	}

	static List<SegmentProfile> of(CustomerTable table, KMeans.Clustering clustering, ClusterScaling scaling, Roles roles,
			CustomerTable categories) {
		int[] assignment = clustering.assignment();
		int k = clustering.k();
		double[][] sums = means(table, scaling, assignment, k);
		Set<String> used = new HashSet<>();
		List<SegmentProfile> profiles = new ArrayList<>();
		int[] sizes = new int[k];
		for (int cluster : assignment) {
			sizes[cluster]++;
		}
		for (int c = 0; c < k; c++) {
			String name = unique(suggestedName(clustering.centroids()[c], roles), used);
			profiles.add(new SegmentProfile(c, name, sizes[c], (double) sizes[c] / table.size(), sums[c],
					topCategories(categories, assignment, c)));
		}
		return profiles;
	}

	/** Per cluster, the mean of each input (a missing value as the scaling's fill value). */
	private static double[][] means(CustomerTable table, ClusterScaling scaling, int[] assignment, int k) {
		int width = table.columns().size();
		double[][] sums = new double[k][width];
		int[] counts = new int[k];
		for (int i = 0; i < table.size(); i++) {
			int c = assignment[i];
			counts[c]++;
			for (int f = 0; f < width; f++) {
				float value = table.rows()[i][f];
				sums[c][f] += Float.isNaN(value) ? scaling.fill()[f] : value;
			}
		}
		for (int c = 0; c < k; c++) {
			for (int f = 0; f < width; f++) {
				sums[c][f] = counts[c] == 0 ? Double.NaN : sums[c][f] / counts[c];
			}
		}
		return sums;
	}

	/**
	 * From the cluster's centroid in the scaled space (0 = the customers' mean on log scale, 1 = one
	 * standard deviation): recent when its recency is below 0; its value is the mean of its
	 * frequency and monetary coordinates, high above 0.5, low below −0.5.
	 */
	static String suggestedName(double[] centroid, Roles roles) {
		if (roles.recency() < 0 || (roles.frequency() < 0 && roles.monetary() < 0)) {
			return "Segment";
		}
		boolean recent = centroid[roles.recency()] < 0;
		double value = roles.frequency() < 0 ? centroid[roles.monetary()]
				: roles.monetary() < 0 ? centroid[roles.frequency()]
						: (centroid[roles.frequency()] + centroid[roles.monetary()]) / 2;
		if (value > 0.5) {
			return recent ? "Champions" : "At risk, valuable";
		}
		if (value < -0.5) {
			return recent ? "New customers" : "Hibernating";
		}
		return recent ? "Promising" : "Needs attention";
	}

	private static String unique(String name, Set<String> used) {
		String candidate = name;
		for (int n = 2; !used.add(candidate); n++) {
			candidate = name + " " + n;
		}
		return candidate;
	}

	/** The category features (per-customer spend in a category) by the cluster's share of their total, the top two. */
	private static List<String> topCategories(CustomerTable categories, int[] assignment, int cluster) {
		if (categories == null || categories.columns().isEmpty()) {
			return List.of();
		}
		int width = categories.columns().size();
		double[] totals = new double[width];
		for (int i = 0; i < categories.size(); i++) {
			if (assignment[i] != cluster) {
				continue;
			}
			for (int f = 0; f < width; f++) {
				float value = categories.rows()[i][f];
				totals[f] += Float.isNaN(value) ? 0 : Math.max(0, value);
			}
		}
		double sum = 0;
		for (double total : totals) {
			sum += total;
		}
		if (sum <= 0) {
			return List.of();
		}
		double all = sum;
		return IntStream.range(0, width).boxed().sorted(Comparator.comparingDouble(f -> -totals[f])).limit(2)
				.map(f -> String.format(java.util.Locale.ROOT, "%s %.0f%%", categories.columns().get(f), 100 * totals[f] / all))
				.toList();
	}
}
