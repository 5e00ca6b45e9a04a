package io.itinera.runtime.io;

/** The cells of one log line by column name, for the mapping's computed fields, filters and groups. */
@FunctionalInterface
interface Row {
	/** The text of a column, or null when the line has no such column or the cell is empty. */
	String text(String column);
}
