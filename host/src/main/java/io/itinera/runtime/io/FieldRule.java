package io.itinera.runtime.io;

import java.util.Locale;

/**
 * How the mapping gets one journey field ({@code --map field.FIELD=…}): a column, arithmetic over
 * columns, or, with {@code group=}, an aggregate over the lines of a group.
 *
 * @param column the column, or null when computed or counted
 * @param computed the arithmetic, or null for a column
 * @param aggregate how a group's lines combine; {@link Aggregate#FIRST} for a field written plainly
 */
record FieldRule(String column, ColumnExpression computed, Aggregate aggregate, boolean aggregateWritten) {

	/** How the lines of a group make one value. */
	enum Aggregate {
		/** The total of the lines' values. */
		SUM,
		/** The number of lines. */
		COUNT,
		/** The value of the earliest line (the first in the file among equally early ones). */
		FIRST,
		/** The value of the latest line (the last in the file among equally late ones). */
		LAST,
		/** Every line's value, in file order, joined by {@link FieldRule#LIST_SEPARATOR}. */
		LIST
	}

	static final String LIST_SEPARATOR = ",";

	/** A field read from the column of its own name. */
	static FieldRule column(String column) {
		return new FieldRule(column, null, Aggregate.FIRST, false);
	}

	/** @throws IllegalArgumentException naming the entry and the forms it may take */
	static FieldRule parse(String field, String value) {
		String trimmed = value.trim();
		if (trimmed.equals("count") || trimmed.equals("count()")) {
			return new FieldRule(null, null, Aggregate.COUNT, true);
		}
		int open = trimmed.indexOf('(');
		if (open > 0 && trimmed.endsWith(")")) {
			String function = trimmed.substring(0, open).trim().toLowerCase(Locale.ROOT);
			for (Aggregate aggregate : Aggregate.values()) {
				if (aggregate != Aggregate.COUNT && aggregate.name().toLowerCase(Locale.ROOT).equals(function)) {
					String inner = trimmed.substring(open + 1, trimmed.length() - 1).trim();
					FieldRule of = plain(field, inner);
					return new FieldRule(of.column, of.computed, aggregate, true);
				}
			}
			if (function.equals("count")) {
				throw new IllegalArgumentException("mapping field." + field + "=" + value + ": count takes nothing; write field."
						+ field + "=count");
			}
		}
		return plain(field, trimmed);
	}

	private static FieldRule plain(String field, String text) {
		if (text.length() > 2 && text.startsWith("`") && text.endsWith("`") && text.indexOf('`', 1) == text.length() - 1) {
			return column(text.substring(1, text.length() - 1));
		}
		if (!ColumnExpression.looksComputed(text)) {
			return column(text);
		}
		try {
			return new FieldRule(null, ColumnExpression.parse(text), Aggregate.FIRST, false);
		} catch (IllegalArgumentException e) {
			throw new IllegalArgumentException("mapping field." + field + ": " + e.getMessage()
					+ "; or aggregate a group with sum(…), count, first(…), last(…), list(…)");
		}
	}

	/** The text of the column, or the computed number as text; null when missing. */
	String text(Row row) throws BadLineException {
		if (column != null) {
			return row.text(column);
		}
		if (computed == null) {
			return null;
		}
		Double value = computed.value(row);
		return value == null ? null : plainNumber(tidy(value));
	}

	/**
	 * A computed number rounded to 9 decimal places, so that 6 × 2.55 is 15.3 and a sum of prices
	 * is the total a person adds up, not 15.299999999999999.
	 */
	static double tidy(double value) {
		return Math.abs(value) < 1e9 ? Math.round(value * 1e9) / 1e9 : value;
	}

	/** {@code 17850.0} as {@code 17850}, other numbers as Java writes them. */
	static String plainNumber(double value) {
		if (value == Math.rint(value) && Math.abs(value) < 1e15) {
			return Long.toString((long) value);
		}
		return Double.toString(value);
	}
}
