package io.itinera.runtime.scoring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** A recommender's answer for one customer: item ids in rank order (best first) and their scores. */
public record Recommendation(List<String> items, float[] scores) {
	public static final Recommendation NONE = new Recommendation(List.of(), new float[0]);

	public Recommendation {
		items = List.copyOf(items);
		if (scores.length != items.size()) {
			throw new IllegalArgumentException(items.size() + " items but " + scores.length + " scores");
		}
	}

	/** The items not in {@code excluded}, in the same order with their scores. */
	public Recommendation excluding(Set<String> excluded) {
		if (excluded.isEmpty()) {
			return this;
		}
		List<String> kept = new ArrayList<>(items.size());
		float[] keptScores = new float[items.size()];
		for (int i = 0; i < items.size(); i++) {
			if (!excluded.contains(items.get(i))) {
				keptScores[kept.size()] = scores[i];
				kept.add(items.get(i));
			}
		}
		return new Recommendation(kept, Arrays.copyOf(keptScores, kept.size()));
	}

	/** The first {@code count} items (all of them when there are fewer). */
	public List<String> top(int count) {
		return items.subList(0, Math.min(Math.max(0, count), items.size()));
	}

	/** The score at {@code rank} (1 = best); NaN when there is no such item. */
	public double scoreAt(int rank) {
		return rank >= 1 && rank <= scores.length ? scores[rank - 1] : Double.NaN;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Recommendation that && items.equals(that.items) && Arrays.equals(scores, that.scores);
	}

	@Override
	public int hashCode() {
		return items.hashCode() * 31 + Arrays.hashCode(scores);
	}

	@Override
	public String toString() {
		return "Recommendation" + items + Arrays.toString(scores);
	}
}
