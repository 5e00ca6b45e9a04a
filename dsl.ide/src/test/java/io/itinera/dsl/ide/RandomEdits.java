package io.itinera.dsl.ide;

import java.util.List;
import java.util.Random;

import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;

/** Seeded edits and cursor positions of someone typing fast, and carelessly, in a journey. */
final class RandomEdits {

	private static final List<String> FRAGMENTS = List.of("stage ", "journey ", "{", "}", "(", ")", "->", "\"", " ",
			"\n", "on ", "after 2 days -> ", "when ", " > 0.5", "consideration", "awareness", "Carted", "Abandoned",
			"test \"t\" {", "expect stage ", "campaign C in ", "rule \"r\" when ", "then send email \"e\"", ",", ".",
			"feature f = count(", "event e { x: decimal }", "split S in ", "50% holdout", "//", "/**", "\"\"\"", "^",
			"1", "ä", "\r\n", "\t");

	private final Random random;

	RandomEdits(Random random) {
		this.random = random;
	}

	/** An incremental change to {@code text}: a deletion, an insertion or a replacement. */
	TextDocumentContentChangeEvent change(String text) {
		int start = random.nextInt(text.length() + 1);
		int end = switch (random.nextInt(3)) {
		case 0 -> start;
		default -> Math.min(text.length(), start + random.nextInt(20));
		};
		String inserted = random.nextInt(4) == 0 ? "" : FRAGMENTS.get(random.nextInt(FRAGMENTS.size()));
		return new TextDocumentContentChangeEvent(new Range(positionOf(text, start), positionOf(text, end)), inserted);
	}

	static String apply(String text, TextDocumentContentChangeEvent change) {
		int start = offsetOf(text, change.getRange().getStart());
		int end = offsetOf(text, change.getRange().getEnd());
		return text.substring(0, start) + change.getText() + text.substring(end);
	}

	/** Mostly a position in the text; sometimes past the end of its line or of the document, as clients send. */
	Position position(String text) {
		Position position = positionOf(text, random.nextInt(text.length() + 1));
		return switch (random.nextInt(10)) {
		case 0 -> new Position(position.getLine(), position.getCharacter() + 1 + random.nextInt(40));
		case 1 -> new Position(position.getLine() + random.nextInt(5), position.getCharacter());
		default -> position;
		};
	}

	Range range(String text) {
		Position a = position(text);
		Position b = position(text);
		boolean ordered = a.getLine() < b.getLine() || a.getLine() == b.getLine() && a.getCharacter() <= b.getCharacter();
		return ordered ? new Range(a, b) : new Range(b, a);
	}

	static Position positionOf(String text, int offset) {
		int line = 0;
		int lineStart = 0;
		for (int i = 0; i < offset; i++) {
			if (text.charAt(i) == '\n') {
				line++;
				lineStart = i + 1;
			}
		}
		return new Position(line, offset - lineStart);
	}

	private static int offsetOf(String text, Position position) {
		int offset = 0;
		for (int line = 0; line < position.getLine(); line++) {
			offset = text.indexOf('\n', offset) + 1;
		}
		return offset + position.getCharacter();
	}
}
