package io.itinera.cli.vocabulary;

import io.itinera.runtime.io.CsvEventParser;

/** {@code --delimiter}: one character (not a quote), {@code tab}, or {@code whitespace}. The one parser of it. */
public final class DelimiterOption {
	private DelimiterOption() {
	}

	/** @throws IllegalArgumentException saying what to write instead */
	public static char parse(String delimiter) {
		if (delimiter.equalsIgnoreCase("tab") || delimiter.equals("\\t")) {
			return '\t';
		}
		if (delimiter.equalsIgnoreCase("whitespace") || delimiter.equalsIgnoreCase("ws")) {
			return CsvEventParser.WHITESPACE;
		}
		if (delimiter.length() != 1 || delimiter.charAt(0) == '"' || delimiter.charAt(0) == '\n' || delimiter.charAt(0) == '\r') {
			throw new IllegalArgumentException("--delimiter must be one character (not a quote), tab or whitespace, not '"
					+ delimiter + "'");
		}
		return delimiter.charAt(0);
	}
}
