package io.itinera.dsl.parser;

/** ANTLR's token names, as a marketer reads them. */
final class TokenWords {

	private TokenWords() {
	}

	static String describe(String tokenName) {
		return switch (tokenName) {
		case "RULE_ID" -> "a name";
		case "RULE_INT" -> "a whole number";
		case "RULE_STRING" -> "a quoted text";
		case "RULE_TRIPLE_STRING" -> "a \"\"\"-quoted DRL block";
		case "EOF" -> "the end of the file";
		default -> tokenName;
		};
	}
}
