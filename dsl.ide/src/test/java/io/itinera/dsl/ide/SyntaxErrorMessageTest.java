package io.itinera.dsl.ide;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.eclipse.lsp4j.Diagnostic;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** Syntax errors say what the journey expected, on the line where it is missing. */
class SyntaxErrorMessageTest extends JourneyServerTestBase {

	private Diagnostic onlyError(String name, String text) {
		List<Diagnostic> all = diagnostics(openDocument(name, text));
		List<Diagnostic> errors = all.stream()
				.filter(diagnostic -> diagnostic.getSeverity() == org.eclipse.lsp4j.DiagnosticSeverity.Error).toList();
		assertTrue(!errors.isEmpty(), "a syntax error in " + text + all);
		errors.forEach(error -> assertTrue(!error.getMessage().getLeft().contains("viable alternative")
				&& !error.getMessage().getLeft().contains("mismatched input") && !error.getMessage().getLeft().contains("RULE_"),
				error.getMessage().getLeft()));
		return errors.get(0);
	}

	@Test
	void aMissingBraceIsReportedAtTheEndOfTheLineThatLacksIt() {
		String text = "journey J {\n  event e\n  stage A (awareness)\n    on e -> A\n  }\n}\n";
		Diagnostic error = onlyError("brace.journey", text);
		Assertions.assertEquals("Expected '{' after ')'.", error.getMessage().getLeft());
		Assertions.assertEquals(2, error.getRange().getStart().getLine());
	}

	@Test
	void aStrayWordInAStageSaysWhatAStageHolds() {
		String text = "journey J {\n  event e\n  stage A (awareness) {\n    foo\n  }\n}\n";
		Diagnostic error = onlyError("stray.journey", text);
		Assertions.assertEquals(3, error.getRange().getStart().getLine());
		assertTrue(error.getMessage().getLeft().startsWith("Expected '}' here, not 'foo'. A stage holds transitions"),
				error.getMessage().getLeft());
	}

	@Test
	void aFileWithoutAJourneySaysHowOneStarts() {
		Diagnostic error = onlyError("headless.journey", "  stage Lapsing (consideration) {");
		assertTrue(error.getMessage().getLeft().contains("A journey file starts with `journey Name \"what it is for\" {`."),
				error.getMessage().getLeft());
	}

	@Test
	void aBrokenConditionAsksForACondition() {
		String text = "journey J {\n  event e\n  feature f = count(e) over 7 days\n  stage A (awareness) {\n"
				+ "    when f > -> A\n  }\n}\n";
		Diagnostic error = onlyError("condition.journey", text);
		Assertions.assertEquals(4, error.getRange().getStart().getLine());
		assertTrue(error.getMessage().getLeft().contains("condition"), error.getMessage().getLeft());
	}

	@Test
	void aMissingClosingBraceAtTheEndSaysWhatTheJourneyLacks() {
		String text = "journey J {\n  event e\n  stage A (awareness) {\n    on e -> A\n  }\n\n\n";
		Diagnostic error = onlyError("unclosed.journey", text);
		assertTrue(error.getMessage().getLeft().startsWith("Expected '}' here, not the end of the file. A journey holds"),
				error.getMessage().getLeft());
	}
}
