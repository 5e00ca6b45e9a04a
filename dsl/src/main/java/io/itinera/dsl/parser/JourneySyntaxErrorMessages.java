package io.itinera.dsl.parser;

import org.antlr.runtime.CommonToken;
import org.antlr.runtime.MismatchedTokenException;
import org.antlr.runtime.MissingTokenException;
import org.antlr.runtime.RecognitionException;
import org.antlr.runtime.Token;
import org.antlr.runtime.TokenStream;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.diagnostics.Diagnostic;
import org.eclipse.xtext.nodemodel.SyntaxErrorMessage;
import org.eclipse.xtext.parser.antlr.SyntaxErrorMessageProvider;

import io.itinera.dsl.journey.Campaign;
import io.itinera.dsl.journey.Expression;
import io.itinera.dsl.journey.FeatureDecl;
import io.itinera.dsl.journey.FeatureDefinition;
import io.itinera.dsl.journey.Journey;
import io.itinera.dsl.journey.Stage;
import io.itinera.dsl.journey.TestCase;
import io.itinera.runtime.text.Shown;

/**
 * Parser errors in the journey's words: what was expected where, and how to write it. A missing
 * token is reported on the token it should follow, not on the next one, which is often lines
 * further down (see {@link MissingTokenLocations}).
 */
public class JourneySyntaxErrorMessages extends SyntaxErrorMessageProvider {

	@Override
	public SyntaxErrorMessage getSyntaxErrorMessage(IParserErrorContext context) {
		SyntaxErrorMessage message = inJourneyWords(context);
		return new SyntaxErrorMessage(Shown.message(message.getMessage()), message.getIssueCode(), message.getIssueData());
	}

	@Override
	public SyntaxErrorMessage getSyntaxErrorMessage(IValueConverterErrorContext context) {
		SyntaxErrorMessage message = super.getSyntaxErrorMessage(context);
		return new SyntaxErrorMessage(Shown.message(message.getMessage()), message.getIssueCode(), message.getIssueData());
	}

	private SyntaxErrorMessage inJourneyWords(IParserErrorContext context) {
		RecognitionException error = context.getRecognitionException();
		if (error == null || error.token == null) {
			return new SyntaxErrorMessage(ParserWording.translate(context.getDefaultMessage(), context.getTokenNames())
					+ " " + whatBelongsIn(context.getCurrentContext()), Diagnostic.SYNTAX_DIAGNOSTIC);
		}
		String found = describe(error.token);
		if (error instanceof MismatchedTokenException mismatch && mismatch.expecting >= 0
				&& mismatch.expecting < context.getTokenNames().length) {
			String expected = TokenWords.describe(context.getTokenNames()[mismatch.expecting]);
			String message = "Expected " + expected + " here, not " + found + ". "
					+ whatBelongsIn(context.getCurrentContext());
			Token previous = previousToken(error);
			if (isMissing(error) && previous instanceof CommonToken end && previous.getLine() < error.token.getLine()) {
				return new SyntaxErrorMessage("Expected " + expected + " after " + describe(previous) + ".",
						MissingTokenLocations.MISSING_AFTER, MissingTokenLocations.locationOf(end));
			}
			return new SyntaxErrorMessage(message, Diagnostic.SYNTAX_DIAGNOSTIC);
		}
		return new SyntaxErrorMessage("Unexpected " + found + ". " + whatBelongsIn(context.getCurrentContext()),
				Diagnostic.SYNTAX_DIAGNOSTIC);
	}

	/** The parser found a token that would fit after the expected one, or the end of the file. */
	private static boolean isMissing(RecognitionException error) {
		return error instanceof MissingTokenException || error.token.getType() == Token.EOF;
	}

	private static String describe(Token token) {
		if (token.getType() == Token.EOF) {
			return "the end of the file";
		}
		return "'" + Shown.token(wholeCharacters(token)) + "'";
	}

	/**
	 * The token's text; the lexer reads UTF-16 units, so a character beyond them (an emoji) can end up
	 * split over two tokens: the second half is taken along to show the character whole.
	 */
	private static String wholeCharacters(Token token) {
		String text = token.getText() == null ? "" : token.getText();
		if (!text.isEmpty() && Character.isHighSurrogate(text.charAt(text.length() - 1)) && token instanceof CommonToken common
				&& common.getInputStream() != null && common.getStopIndex() + 1 < common.getInputStream().size()) {
			String next = common.getInputStream().substring(common.getStopIndex() + 1, common.getStopIndex() + 1);
			return next.length() == 1 && Character.isLowSurrogate(next.charAt(0)) ? text + next : text;
		}
		return text;
	}

	/** The last token the parser read before the offending one, skipping whitespace and comments. */
	private static Token previousToken(RecognitionException error) {
		if (!(error.input instanceof TokenStream tokens)) {
			return null;
		}
		for (int index = error.token.getTokenIndex() - 1; index >= 0; index--) {
			Token token = tokens.get(index);
			if (token.getChannel() == Token.DEFAULT_CHANNEL) {
				return token;
			}
		}
		return null;
	}

	private static String whatBelongsIn(EObject context) {
		if (context instanceof Expression) {
			return "Write a condition such as `cartValue > 100 and intent < 0.4`.";
		}
		if (context instanceof Stage) {
			return "A stage holds transitions (`on EVENT -> STAGE`, `after 2 days -> STAGE`, "
					+ "`when CONDITION -> STAGE`) and ends with '}'.";
		}
		if (context instanceof Campaign) {
			return "A campaign holds `cap`, `quiet hours` and `rule \"title\" when CONDITION then ACTION` lines "
					+ "and ends with '}'.";
		}
		if (context instanceof TestCase) {
			return "A test holds `given customer in STAGE`, optionally `on EVENT`, then `expect` lines, "
					+ "and ends with '}'.";
		}
		if (context instanceof FeatureDecl || context instanceof FeatureDefinition) {
			return "A feature reads `feature name = count(EVENT) over 7 days`, `sum(EVENT.field) since last EVENT` "
					+ "or `days since last EVENT`.";
		}
		if (context instanceof Journey || context == null) {
			return context == null ? "A journey file starts with `journey Name \"what it is for\" {`."
					: "A journey holds entry, reentry, exit, goal, customer, event, feature, model, stage, campaign, "
							+ "split and test declarations, and ends with '}'.";
		}
		return "Check the line against the examples in the journey documentation.";
	}
}
