package io.itinera.dsl.parser;

import java.util.Arrays;
import java.util.stream.IntStream;

import org.antlr.runtime.CommonToken;
import org.eclipse.emf.ecore.resource.Resource.Diagnostic;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.resource.XtextSyntaxDiagnostic;
import org.eclipse.xtext.util.IAcceptor;
import org.eclipse.xtext.validation.DiagnosticConverterImpl;
import org.eclipse.xtext.validation.Issue;

/**
 * Places a "missing token" syntax error on the token it should follow (see
 * {@link JourneySyntaxErrorMessages}). Xtext can only place a parser error on or after the token
 * the parser stumbled over, which may be lines below the one that lacks something.
 */
public class MissingTokenLocations extends DiagnosticConverterImpl {

	static final String MISSING_AFTER = "io.itinera.dsl.syntax.missingAfter";

	@Override
	public void convertResourceDiagnostic(Diagnostic diagnostic, Severity severity, IAcceptor<Issue> acceptor) {
		if (!(diagnostic instanceof XtextSyntaxDiagnostic syntax) || !MISSING_AFTER.equals(syntax.getCode())) {
			super.convertResourceDiagnostic(diagnostic, severity, acceptor);
			return;
		}
		int[] location = Arrays.stream(syntax.getData()).mapToInt(Integer::parseInt).toArray();
		super.convertResourceDiagnostic(diagnostic, severity, issue -> {
			Issue.IssueImpl moved = (Issue.IssueImpl) issue;
			moved.setOffset(location[0]);
			moved.setLength(location[1]);
			moved.setLineNumber(location[2]);
			moved.setColumn(location[3]);
			moved.setLineNumberEnd(location[4]);
			moved.setColumnEnd(location[5]);
			acceptor.accept(moved);
		});
	}

	/** The issue data of a syntax error placed on {@code token}: offset, length, then 1-based start and end line and column. */
	static String[] locationOf(CommonToken token) {
		String text = token.getText();
		int lineBreaks = (int) text.chars().filter(c -> c == '\n').count();
		int column = token.getCharPositionInLine() + 1;
		int columnEnd = lineBreaks == 0 ? column + text.length() : text.length() - text.lastIndexOf('\n');
		return IntStream.of(token.getStartIndex(), text.length(), token.getLine(), column,
				token.getLine() + lineBreaks, columnEnd).mapToObj(String::valueOf).toArray(String[]::new);
	}
}
