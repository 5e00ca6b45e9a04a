package io.itinera.runtime.scoring;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A recommender's item ids and the model's indices for them: line n of the file (from 1) is index
 * n. Index 0 is padding: it fills a short sequence and stands for every id the file does not
 * list, and is never recommended.
 */
public final class ItemVocabulary {
	public static final int PADDING = 0;

	private final Map<String, Integer> indexById;
	private final String[] idByIndex;

	private ItemVocabulary(List<String> ids) {
		this.idByIndex = new String[ids.size() + 1];
		this.indexById = new HashMap<>(ids.size() * 2);
		for (int i = 0; i < ids.size(); i++) {
			idByIndex[i + 1] = ids.get(i);
			indexById.put(ids.get(i), i + 1);
		}
	}

	/** Item ids in index order (the first is index 1). */
	public static ItemVocabulary of(List<String> ids) {
		return new ItemVocabulary(ids);
	}

	/**
	 * Reads one id per line (surrounding blanks trimmed; a blank last line ignored).
	 *
	 * @throws VocabularyException when the file is missing, empty, or lists an id twice or a blank line
	 */
	public static ItemVocabulary read(Path file) throws VocabularyException {
		List<String> lines;
		try {
			lines = Files.readAllLines(file, StandardCharsets.UTF_8);
		} catch (IOException e) {
			throw new VocabularyException(file, "cannot be read (" + e.getMessage() + ")");
		}
		while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
			lines.remove(lines.size() - 1);
		}
		if (lines.isEmpty()) {
			throw new VocabularyException(file, "lists no items; write one item id per line");
		}
		Map<String, Integer> seen = new HashMap<>();
		List<String> ids = new ArrayList<>(lines.size());
		for (int i = 0; i < lines.size(); i++) {
			String id = lines.get(i).trim();
			if (id.isEmpty()) {
				throw new VocabularyException(file, "line " + (i + 1) + " is blank; every line is an item id (its index is the line number)");
			}
			Integer earlier = seen.putIfAbsent(id, i + 1);
			if (earlier != null) {
				throw new VocabularyException(file, "lists item " + id + " twice (lines " + earlier + " and " + (i + 1) + ")");
			}
			ids.add(id);
		}
		return new ItemVocabulary(ids);
	}

	/** The model's index for an id; {@link #PADDING} for an id it does not know (or null). */
	public int indexOf(String id) {
		if (id == null) {
			return PADDING;
		}
		Integer index = indexById.get(id);
		return index == null ? PADDING : index;
	}

	/** The id at an index; null for padding or an index past the vocabulary. */
	public String idAt(long index) {
		return index > PADDING && index < idByIndex.length ? idByIndex[(int) index] : null;
	}

	/** How many ids it lists (the model's indices are 0, padding, to this). */
	public int size() {
		return idByIndex.length - 1;
	}

	/**
	 * The last {@code width} items as indices, left-padded: the newest item is in the last column.
	 * Older items beyond the width are dropped.
	 */
	public void encode(String[] sequence, long[] into, int offset, int width) {
		int take = Math.min(width, sequence.length);
		int pad = width - take;
		for (int i = 0; i < pad; i++) {
			into[offset + i] = PADDING;
		}
		for (int i = 0; i < take; i++) {
			into[offset + pad + i] = indexOf(sequence[sequence.length - take + i]);
		}
	}

	/** Thrown when a vocabulary file cannot serve; the message names the file and the fix. */
	public static final class VocabularyException extends Exception {
		private final String reason;

		VocabularyException(Path file, String reason) {
			super("vocabulary " + file + " " + reason);
			this.reason = reason;
		}

		public String reason() {
			return reason;
		}
	}
}
