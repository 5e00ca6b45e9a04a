package io.itinera.dsl.ide;

import org.junit.jupiter.api.Assertions;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DocumentRangeFormattingParams;
import org.eclipse.lsp4j.FormattingOptions;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PrepareRenameParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ReferenceContext;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.junit.jupiter.api.Test;

/** Documents that do not parse into a journey, as they are while someone types one. */
class IncompleteDocumentTest extends JourneyServerTestBase {

	private static final String STAGE_WITHOUT_JOURNEY = "  stage Lapsing (consideration) {";
	private static final String TEST_WITHOUT_JOURNEY = "  test \"holdout customers get no perks\" {";

	@Test
	void navigationOnAPhaseFindsNothingInsteadOfFailing() throws Exception {
		TextDocumentIdentifier document = new TextDocumentIdentifier(openDocument("phase.journey", STAGE_WITHOUT_JOURNEY));
		Position onPhase = new Position(0, 27);

		assertNull(languageServer.prepareRename(new PrepareRenameParams(document, onPhase)).get(10, TimeUnit.SECONDS));
		assertNull(languageServer.rename(new RenameParams(document, onPhase, "Lapsed")).get(10, TimeUnit.SECONDS));
		assertTrue(languageServer.definition(new DefinitionParams(document, onPhase)).get(10, TimeUnit.SECONDS)
				.getLeft().isEmpty());
		assertTrue(languageServer.references(new ReferenceParams(document, onPhase, new ReferenceContext(true)))
				.get(10, TimeUnit.SECONDS).isEmpty());
	}

	@Test
	void navigationOnAStringFindsNothingInsteadOfFailing() throws Exception {
		TextDocumentIdentifier document = new TextDocumentIdentifier(openDocument("string.journey", TEST_WITHOUT_JOURNEY));
		Position onTitle = at(TEST_WITHOUT_JOURNEY, "holdout", 2);

		assertNull(languageServer.prepareRename(new PrepareRenameParams(document, onTitle)).get(10, TimeUnit.SECONDS));
		assertTrue(languageServer.definition(new DefinitionParams(document, onTitle)).get(10, TimeUnit.SECONDS)
				.getLeft().isEmpty());
		assertTrue(languageServer.references(new ReferenceParams(document, onTitle, new ReferenceContext(true)))
				.get(10, TimeUnit.SECONDS).isEmpty());
	}

	@Test
	void rangeFormattingWithoutAJourneyChangesNothing() throws Exception {
		String text = "    expect stage ReviewAsked\n" + TEST_WITHOUT_JOURNEY;
		TextDocumentIdentifier document = new TextDocumentIdentifier(openDocument("range.journey", text));
		Range range = new Range(new Position(0, 19), new Position(1, 2));

		Assertions.assertEquals(List.of(), languageServer
				.rangeFormatting(new DocumentRangeFormattingParams(document, new FormattingOptions(2, true), range))
				.get(10, TimeUnit.SECONDS));
	}
}
