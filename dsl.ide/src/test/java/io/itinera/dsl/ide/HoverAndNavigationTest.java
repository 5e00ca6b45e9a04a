package io.itinera.dsl.ide;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.ReferenceContext;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

class HoverAndNavigationTest extends JourneyServerTestBase {

	private final String text = sample();

	private String hover(Position position) throws Exception {
		String uri = openDocument("hover.journey", text);
		Hover hover = languageServer.hover(new HoverParams(new TextDocumentIdentifier(uri), position))
				.get(30, TimeUnit.SECONDS);
		return hover.getContents().getRight().getValue();
	}

	@Test
	void hoverOnAFeatureShowsItsDocAndFormula() throws Exception {
		String markdown = hover(at(text, "when cartValue", "when c".length()));
		assertTrue(markdown.contains("What sits in the cart since the last order."), markdown);
		assertTrue(markdown.contains("feature cartValue = sum(cart_add.price) since last purchase"), markdown);
	}

	@Test
	void hoverOnAModelShowsItsInputsAndOutput() throws Exception {
		String markdown = hover(at(text, "when intent", "when i".length()));
		assertTrue(markdown.contains("Probability that the shopper buys"), markdown);
		assertTrue(markdown.contains("inputs: views7d, cartValue, daysIdle, spend90d"), markdown);
		assertTrue(markdown.contains("output: probability[1]"), markdown);
	}

	@Test
	void hoverOnAStageShowsItsPhaseAndTransitions() throws Exception {
		String markdown = hover(at(text, "-> Abandoned", "-> A".length()));
		assertTrue(markdown.contains("stage Abandoned (consideration)"), markdown);
		assertTrue(markdown.contains("after 3 days -> Lapsed"), markdown);
		assertTrue(markdown.contains("Left with a full cart."), markdown);
	}

	@Test
	void definitionOfAStageReference() throws Exception {
		String uri = openDocument("definition.journey", text);
		List<? extends Location> locations = languageServer
				.definition(new DefinitionParams(new TextDocumentIdentifier(uri), at(text, "-> Carted", 4)))
				.get(30, TimeUnit.SECONDS).getLeft();
		Assertions.assertEquals(1, locations.size());
		Assertions.assertEquals(at(text, "stage Carted", "stage ".length()), locations.get(0).getRange().getStart());
	}

	@Test
	void referencesOfAStageIncludeTransitionsCampaignsSplitsAndTests() throws Exception {
		String uri = openDocument("references.journey", text);
		ReferenceParams params = new ReferenceParams(new TextDocumentIdentifier(uri),
				at(text, "stage Abandoned", "stage A".length()), new ReferenceContext(false));
		List<? extends Location> references = languageServer.references(params).get(30, TimeUnit.SECONDS);
		// after 1 hour -> Abandoned, campaign in, split in, and four tests given in Abandoned
		Assertions.assertEquals(7, references.size(), references.toString());
	}

	@Test
	void renameAStageRenamesEveryReferenceInTheFile() throws Exception {
		String uri = openDocument("rename.journey", text);
		RenameParams params = new RenameParams(new TextDocumentIdentifier(uri),
				at(text, "stage Abandoned", "stage A".length()), "LeftCart");
		WorkspaceEdit edit = languageServer.rename(params).get(30, TimeUnit.SECONDS);
		String renamed = apply(text, editsFor(edit, uri));
		Assertions.assertFalse(renamed.contains("Abandoned"), renamed);
		Assertions.assertEquals(8, renamed.split("LeftCart", -1).length - 1);
		Assertions.assertEquals(text.replace("Abandoned", "LeftCart"), renamed);
	}
}
