package io.itinera.dsl.ide;

import org.junit.jupiter.api.Assertions;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DocumentRangeFormattingParams;
import org.eclipse.lsp4j.FormattingOptions;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.junit.jupiter.api.Test;

/** The protocol: a character past the end of its line means the end of the line. */
class PositionClampingTest extends JourneyServerTestBase {

	@Test
	void aPositionPastTheEndOfALineIsTheEndOfThatLine() throws Exception {
		String text = sample();
		TextDocumentIdentifier document = new TextDocumentIdentifier(openDocument("clamp.journey", text));
		Position endOfTarget = at(text, "after 1 hour -> Abandoned", "after 1 hour -> Abandoned".length());
		Position pastTheEnd = new Position(endOfTarget.getLine(), endOfTarget.getCharacter() + 500);

		Assertions.assertEquals(languageServer.hover(new HoverParams(document, endOfTarget)).get(10, TimeUnit.SECONDS),
				languageServer.hover(new HoverParams(document, pastTheEnd)).get(10, TimeUnit.SECONDS));
		Assertions.assertEquals(languageServer.definition(new DefinitionParams(document, endOfTarget)).get(10, TimeUnit.SECONDS),
				languageServer.definition(new DefinitionParams(document, pastTheEnd)).get(10, TimeUnit.SECONDS));
		Assertions.assertEquals(labels(document, endOfTarget), labels(document, pastTheEnd));
	}

	@Test
	void aLinePastTheEndOfTheDocumentIsTheEndOfTheDocument() throws Exception {
		String text = "journey Tiny {\n  stage A { }\n}";
		TextDocumentIdentifier document = new TextDocumentIdentifier(openDocument("short.journey", text));

		Assertions.assertEquals(labels(document, new Position(2, 1)), labels(document, new Position(40, 3)));
		Range beyond = new Range(new Position(1, 0), new Position(99, 99));
		Assertions.assertEquals("journey Tiny {\n  stage A { }\n}", apply(text, languageServer
				.rangeFormatting(new DocumentRangeFormattingParams(document, new FormattingOptions(2, true), beyond))
				.get(10, TimeUnit.SECONDS)));
	}

	private List<String> labels(TextDocumentIdentifier document, Position position) throws Exception {
		return languageServer.completion(new CompletionParams(document, position)).get(10, TimeUnit.SECONDS)
				.getRight().getItems().stream().map(CompletionItem::getLabel).toList();
	}
}
