package io.itinera.cli;

import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Help.Column;

/**
 * A help table that wraps its text at spaces, and after a comma in a list without spaces. Picocli wraps with the JDK's line breaker, which
 * also breaks after a dot followed by a letter, so a file name was cut in two ("report.", "json" on
 * the next line) and could not be copied whole. A word longer than its column is still cut.
 */
final class WordWrappedTable extends Help.TextTable {
	WordWrappedTable(Help.ColorScheme colors, Column... columns) {
		super(colors, columns);
	}

	/** The same columns and wrapped-line indent as {@code table}, wrapped at spaces. */
	static WordWrappedTable like(Help.TextTable table, Help.ColorScheme colors) {
		Column[] columns = table.columns();
		Column[] copies = new Column[columns.length];
		for (int i = 0; i < columns.length; i++) {
			copies[i] = new Column(columns[i].width, columns[i].indent, columns[i].overflow);
		}
		WordWrappedTable copy = new WordWrappedTable(colors, copies);
		copy.indentWrappedLines = table.indentWrappedLines;
		copy.setAdjustLineBreaksForWideCJKCharacters(table.isAdjustLineBreaksForWideCJKCharacters());
		return copy;
	}

	@Override
	public Cell putValue(int row, int col, Text value) {
		Column column = columns()[col];
		String plain = value == null ? "" : value.plainString();
		if (column.overflow != Column.Overflow.WRAP || plain.isEmpty() || plain.indexOf('\n') >= 0) {
			return super.putValue(row, col, value);
		}
		int start = 0;
		int line = row;
		int indent = 0;
		while (start < plain.length()) {
			int room = Math.max(1, column.width - column.indent - indent);
			int end = plain.length();
			int next = end;
			if (end - start > room) {
				int space = plain.lastIndexOf(' ', start + room);
				int comma = plain.lastIndexOf(',', start + room - 1);
				if (space > start && space >= comma) {
					end = space;
					next = space + 1;
				} else if (comma >= start) { // a list without spaces (--map's example) breaks after a comma
					end = comma + 1;
					next = end;
				} else {
					end = start + room;
					next = end;
				}
			}
			if (line > row) {
				addEmptyRow();
			}
			Text part = value.substring(start, end);
			super.putValue(line, col, indent == 0 ? part : value.substring(0, 0).concat(" ".repeat(indent)).concat(part));
			start = next;
			while (start < plain.length() && plain.charAt(start) == ' ') {
				start++;
			}
			if (start < plain.length()) {
				line++;
				indent = indentWrappedLines;
			}
		}
		return new Cell(col, line);
	}
}
