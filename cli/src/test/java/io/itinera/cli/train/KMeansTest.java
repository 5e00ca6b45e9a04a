package io.itinera.cli.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Lloyd's k-means with k-means++ starts, the silhouette that picks k, and RFM cut points with ties. */
class KMeansTest {

	/** Three tight blobs of 100, 60 and 30 points around (0,0), (10,0) and (0,10). */
	private static double[][] blobs() {
		SplittableRandom random = new SplittableRandom(3);
		double[][] points = new double[190][];
		for (int i = 0; i < points.length; i++) {
			double x = i < 100 ? 0 : i < 160 ? 10 : 0;
			double y = i < 160 ? 0 : 10;
			points[i] = new double[] { x + random.nextGaussian() * 0.5, y + random.nextGaussian() * 0.5 };
		}
		return points;
	}

	@Test
	void findsTheBlobsNumberedBySize() {
		KMeans.Clustering clustering = KMeans.fit(blobs(), 3, 1, 5);
		assertArrayEquals(new int[] { 100, 60, 30 }, clustering.sizes());
		assertEquals(10, clustering.centroids()[1][0], 0.3);
		assertEquals(10, clustering.centroids()[2][1], 0.3);
		for (int i = 0; i < 190; i++) {
			assertEquals(i < 100 ? 0 : i < 160 ? 1 : 2, clustering.assignment()[i]);
		}
	}

	@Test
	void theSilhouettePicksThreeForThreeBlobs() {
		double[][] points = blobs();
		double best = -1;
		int bestK = 0;
		for (int k = 2; k <= 6; k++) {
			KMeans.Clustering clustering = KMeans.fit(points, k, k, 5);
			double silhouette = KMeans.silhouette(points, clustering.assignment(), k, KMeans.sample(points.length, 120, 9));
			if (silhouette > best) {
				best = silhouette;
				bestK = k;
			}
		}
		assertEquals(3, bestK);
		assertTrue(best > 0.8, "tight blobs: " + best);
	}

	@Test
	void aTieGoesToTheLowerClusterAsArgMinDoes() {
		assertEquals(0, KMeans.nearest(new double[] { 5, 0 }, new double[][] { { 0, 0 }, { 10, 0 } }));
	}

	@Test
	void tooFewPointsIsAnError() {
		assertThrows(IllegalArgumentException.class, () -> KMeans.fit(new double[][] { { 1 } }, 2, 1, 1));
	}

	@Test
	void rfmCutPointsKeepTiesTogether() {
		// 10 customers: six ordered once, then 2, 2, 3, 9 orders
		float[] orders = { 1, 1, 1, 1, 1, 1, 2, 2, 3, 9 };
		RfmQuintiles quintiles = RfmQuintiles.fit(orders, orders, orders);
		assertArrayEquals(new float[] { 1, 1, 1, 2 }, quintiles.frequencyCuts());
		assertEquals(1, quintiles.frequencyScore(1), "every one-order customer alike, though they are 60%");
		assertEquals(4, quintiles.frequencyScore(2));
		assertEquals(5, quintiles.frequencyScore(3));
		assertEquals(1, quintiles.frequencyScore(Float.NaN), "never ordered");
		// recency reversed: fewest days since is 5
		assertEquals(5, quintiles.recencyScore(1));
		assertEquals(1, quintiles.recencyScore(3));
		assertEquals(1, quintiles.recencyScore(Float.NaN), "never ordered is least recent");
	}
}
