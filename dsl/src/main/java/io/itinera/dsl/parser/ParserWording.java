package io.itinera.dsl.parser;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ANTLR's own wording of a syntax error ("mismatched input 'x' expecting y", "no viable alternative at
 * input 'x'", …), for the errors that come without a recognition exception to read, said as the rest of
 * {@link JourneySyntaxErrorMessages} says them.
 */
final class ParserWording {
	private static final Pattern MISMATCHED = Pattern.compile("(?s)mismatched input (.*) expecting (\\S+)");
	private static final Pattern EXTRANEOUS = Pattern.compile("(?s)extraneous input (.*) expecting (\\S+)");
	private static final Pattern MISSING = Pattern.compile("(?s)missing (\\S+) at (.*)");
	private static final Pattern LEXER_MISMATCH = Pattern.compile("(?s)mismatched character (.*) expecting '(.*)'");
	private static final Pattern UNEXPECTED = Pattern.compile(
			"(?s)(?:no viable alternative at (?:input|character)|mismatched character|required \\(\\.\\.\\.\\)\\+ loop did not match anything at (?:input|character)) (.*)");

	private ParserWording() {
	}

	static String translate(String raw, String[] tokenNames) {
		if (raw == null) {
			return "Unexpected text here.";
		}
		Matcher m = MISMATCHED.matcher(raw);
		if (m.matches()) {
			return "Expected " + expected(m.group(2)) + " here, not " + found(m.group(1)) + ".";
		}
		m = LEXER_MISMATCH.matcher(raw);
		if (m.matches()) {
			return unclosed(found(m.group(1)), m.group(2));
		}
		m = EXTRANEOUS.matcher(raw);
		if (m.matches()) {
			return "Unexpected " + found(m.group(1)) + ": remove it, or write " + expected(m.group(2)) + " here.";
		}
		m = MISSING.matcher(raw);
		if (m.matches()) {
			return "Expected " + expected(m.group(1)) + " before " + found(m.group(2)) + ".";
		}
		m = UNEXPECTED.matcher(raw);
		if (m.matches()) {
			return "Unexpected " + found(m.group(1)) + ".";
		}
		return "Unexpected text here.";
	}

	/** The lexer wanted {@code expected} and found {@code found}: at the end of the file, a text or a comment is not closed. */
	private static String unclosed(String found, String expected) {
		if (found.equals("the end of the file") && expected.equals("\"")) {
			return "A quoted text is not closed: end it with '\"'.";
		}
		if (found.equals("the end of the file") && (expected.equals("*") || expected.equals("/"))) {
			return "A comment is not closed: end it with '*/'.";
		}
		return "Expected '" + expected + "' here, not " + found + ".";
	}

	/** A token name as ANTLR gives it ({@code RULE_ID}, {@code '}'}, {@code EOF}). */
	private static String expected(String tokenName) {
		return TokenWords.describe(tokenName);
	}

	/** The text ANTLR found, as it quotes it ({@code 'x'}, {@code <EOF>}). */
	private static String found(String quoted) {
		if (quoted.equals("<EOF>") || quoted.equals("'<EOF>'")) {
			return "the end of the file";
		}
		return quoted.startsWith("'") && quoted.endsWith("'") && quoted.length() >= 2 ? quoted : "'" + quoted + "'";
	}
}
