package io.itinera.dsl.ide.server;

import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * Brings a client's position inside the document, as the protocol asks: a character past the end
 * of its line means the end of that line, a line past the last means the end of the document.
 * Xtext's {@code Document} throws on such positions instead.
 */
public final class DocumentPositions {

	private DocumentPositions() {
	}

	public static Position clamp(String text, Position position) {
		int line = Math.max(position.getLine(), 0);
		int lineStart = 0;
		for (int current = 0; current < line; current++) {
			int newline = text.indexOf('\n', lineStart);
			if (newline < 0) {
				return new Position(current, lineLength(text, lineStart));
			}
			lineStart = newline + 1;
		}
		int character = Math.min(Math.max(position.getCharacter(), 0), lineLength(text, lineStart));
		return new Position(line, character);
	}

	/** Whether the position is one of the text's: its line exists and the character is within it (or at its end). */
	public static boolean isInside(String text, Position position) {
		return position.getLine() >= 0 && position.getCharacter() >= 0 && clamp(text, position).equals(position);
	}

	public static Range clamp(String text, Range range) {
		Position start = clamp(text, range.getStart());
		Position end = clamp(text, range.getEnd());
		boolean reversed = end.getLine() < start.getLine()
				|| end.getLine() == start.getLine() && end.getCharacter() < start.getCharacter();
		return reversed ? new Range(end, start) : new Range(start, end);
	}

	/** The characters of the line starting at {@code lineStart}, without its line break ({@code \n} or {@code \r\n}). */
	private static int lineLength(String text, int lineStart) {
		int newline = text.indexOf('\n', lineStart);
		int lineEnd = newline < 0 ? text.length() : newline;
		if (lineEnd > lineStart && text.charAt(lineEnd - 1) == '\r') {
			lineEnd--;
		}
		return lineEnd - lineStart;
	}
}
