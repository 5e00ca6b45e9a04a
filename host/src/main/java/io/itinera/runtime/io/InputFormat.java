package io.itinera.runtime.io;

import java.nio.file.Path;
import java.util.Locale;

/** How an event log is written: comma-separated values with a header, or one JSON object a line. */
public enum InputFormat {
	CSV, JSONL;

	/** The format a file name suggests: {@code .jsonl}/{@code .json}/{@code .ndjson} are JSON Lines, the rest CSV. */
	public static InputFormat guess(Path file) {
		String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		return name.endsWith(".jsonl") || name.endsWith(".json") || name.endsWith(".ndjson") ? JSONL : CSV;
	}
}
