package io.itinera.dsl.ide.quickfix;

import java.util.Comparator;
import java.util.List;

/** Levenshtein distance, and the names close enough to a misspelling to be what was meant. */
public final class EditDistance {

	private EditDistance() {
	}

	public static int between(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1]
						+ (Character.toLowerCase(a.charAt(i - 1)) == Character.toLowerCase(b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

	/** Up to {@code limit} candidates within a third of the word's length (at least 2 edits), nearest first. */
	public static List<String> nearest(String misspelt, List<String> candidates, int limit) {
		int tolerance = Math.max(2, misspelt.length() / 3);
		return candidates.stream()
				.distinct()
				.filter(candidate -> !candidate.equals(misspelt))
				.filter(candidate -> between(misspelt, candidate) <= tolerance)
				.sorted(Comparator.comparingInt((String candidate) -> between(misspelt, candidate))
						.thenComparing(Comparator.naturalOrder()))
				.limit(limit)
				.toList();
	}
}
