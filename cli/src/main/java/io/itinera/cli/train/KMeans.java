package io.itinera.cli.train;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Lloyd's k-means with k-means++ seeding, the best of a few seeded restarts (least within-cluster
 * sum of squares), and the mean silhouette that picks k. Clusters are numbered by size, largest
 * first (ties: by first centroid coordinate), so the same seed gives the same numbering, and
 * every point is in its nearest cluster, as the exported model puts it.
 */
final class KMeans {
	private static final int MAX_ITERATIONS = 300;

	private KMeans() {
	}

	/** Centroids, each point's cluster, and the within-cluster sum of squared distances. */
	record Clustering(double[][] centroids, int[] assignment, double inertia) {
		int k() {
			return centroids.length;
		}

		int[] sizes() {
			int[] sizes = new int[centroids.length];
			for (int cluster : assignment) {
				sizes[cluster]++;
			}
			return sizes;
		}
	}

	static Clustering fit(double[][] points, int k, long seed, int restarts) {
		if (points.length < k) {
			throw new IllegalArgumentException(points.length + " customers cannot make " + k + " clusters");
		}
		SplittableRandom random = new SplittableRandom(seed);
		Clustering best = null;
		for (int r = 0; r < restarts; r++) {
			Clustering run = lloyd(points, plusPlus(points, k, random.split()));
			if (best == null || run.inertia() < best.inertia()) {
				best = run;
			}
		}
		return numberedBySize(points, best);
	}

	/** k-means++: the first centroid uniformly, each next one with probability proportional to its squared distance. */
	static double[][] plusPlus(double[][] points, int k, SplittableRandom random) {
		double[][] centroids = new double[k][];
		centroids[0] = points[random.nextInt(points.length)].clone();
		double[] nearest = new double[points.length];
		Arrays.fill(nearest, Double.POSITIVE_INFINITY);
		for (int c = 1; c < k; c++) {
			double total = 0;
			for (int i = 0; i < points.length; i++) {
				nearest[i] = Math.min(nearest[i], squaredDistance(points[i], centroids[c - 1]));
				total += nearest[i];
			}
			int chosen = points.length - 1;
			double target = random.nextDouble() * total;
			for (int i = 0; i < points.length; i++) {
				target -= nearest[i];
				if (target < 0) {
					chosen = i;
					break;
				}
			}
			centroids[c] = points[chosen].clone();
		}
		return centroids;
	}

	private static Clustering lloyd(double[][] points, double[][] centroids) {
		int k = centroids.length;
		int width = points[0].length;
		int[] assignment = new int[points.length];
		Arrays.fill(assignment, -1);
		for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
			boolean changed = false;
			for (int i = 0; i < points.length; i++) {
				int cluster = nearest(points[i], centroids);
				changed |= cluster != assignment[i];
				assignment[i] = cluster;
			}
			if (!changed) {
				break;
			}
			double[][] sums = new double[k][width];
			int[] counts = new int[k];
			for (int i = 0; i < points.length; i++) {
				counts[assignment[i]]++;
				for (int d = 0; d < width; d++) {
					sums[assignment[i]][d] += points[i][d];
				}
			}
			for (int c = 0; c < k; c++) {
				if (counts[c] == 0) {
					centroids[c] = points[farthest(points, assignment, centroids)].clone();
					continue;
				}
				for (int d = 0; d < width; d++) {
					centroids[c][d] = sums[c][d] / counts[c];
				}
			}
		}
		return new Clustering(centroids, assignment, inertia(points, centroids, assignment));
	}

	/** The nearest centroid; on a tie, the lowest index (as ONNX ArgMin picks). */
	static int nearest(double[] point, double[][] centroids) {
		int best = 0;
		double bestDistance = Double.POSITIVE_INFINITY;
		for (int c = 0; c < centroids.length; c++) {
			double distance = squaredDistance(point, centroids[c]);
			if (distance < bestDistance) {
				bestDistance = distance;
				best = c;
			}
		}
		return best;
	}

	/**
	 * The mean silhouette of {@code sample} (indexes into {@code points}): per point, (b − a) / max(a, b)
	 * with a its mean distance to the rest of its cluster and b the least mean distance to another
	 * cluster, both over the sample; a point alone in its cluster counts 0.
	 */
	static double silhouette(double[][] points, int[] assignment, int k, int[] sample) {
		double total = 0;
		for (int i : sample) {
			double[] sums = new double[k];
			int[] counts = new int[k];
			for (int j : sample) {
				if (j != i) {
					sums[assignment[j]] += Math.sqrt(squaredDistance(points[i], points[j]));
					counts[assignment[j]]++;
				}
			}
			int own = assignment[i];
			if (counts[own] == 0) {
				continue;
			}
			double a = sums[own] / counts[own];
			double b = Double.POSITIVE_INFINITY;
			for (int c = 0; c < k; c++) {
				if (c != own && counts[c] > 0) {
					b = Math.min(b, sums[c] / counts[c]);
				}
			}
			if (b != Double.POSITIVE_INFINITY && Math.max(a, b) > 0) {
				total += (b - a) / Math.max(a, b);
			}
		}
		return total / sample.length;
	}

	/** A seeded sample of {@code size} distinct indexes below {@code count} (all of them when fewer), ascending. */
	static int[] sample(int count, int size, long seed) {
		int[] indexes = IntStream.range(0, count).toArray();
		if (count <= size) {
			return indexes;
		}
		SplittableRandom random = new SplittableRandom(seed);
		for (int i = 0; i < size; i++) {
			int j = i + random.nextInt(count - i);
			int swap = indexes[i];
			indexes[i] = indexes[j];
			indexes[j] = swap;
		}
		int[] chosen = Arrays.copyOf(indexes, size);
		Arrays.sort(chosen);
		return chosen;
	}

	static double squaredDistance(double[] a, double[] b) {
		double sum = 0;
		for (int d = 0; d < a.length; d++) {
			double diff = a[d] - b[d];
			sum += diff * diff;
		}
		return sum;
	}

	private static int farthest(double[][] points, int[] assignment, double[][] centroids) {
		int farthest = 0;
		double most = -1;
		for (int i = 0; i < points.length; i++) {
			double distance = squaredDistance(points[i], centroids[assignment[i]]);
			if (distance > most) {
				most = distance;
				farthest = i;
			}
		}
		return farthest;
	}

	private static double inertia(double[][] points, double[][] centroids, int[] assignment) {
		double sum = 0;
		for (int i = 0; i < points.length; i++) {
			sum += squaredDistance(points[i], centroids[assignment[i]]);
		}
		return sum;
	}

	private static Clustering numberedBySize(double[][] points, Clustering clustering) {
		int[] sizes = clustering.sizes();
		double[][] centroids = clustering.centroids();
		Integer[] order = IntStream.range(0, centroids.length).boxed().toArray(Integer[]::new);
		Arrays.sort(order, Comparator.<Integer>comparingInt(c -> -sizes[c]).thenComparingDouble(c -> centroids[c][0]));
		double[][] sorted = new double[order.length][];
		for (int i = 0; i < order.length; i++) {
			sorted[i] = centroids[order[i]];
		}
		// each customer's nearest centroid, as the exported model assigns them (also after the last iteration)
		int[] assignment = Arrays.stream(points).mapToInt(point -> nearest(point, sorted)).toArray();
		return new Clustering(sorted, assignment, inertia(points, sorted, assignment));
	}
}
