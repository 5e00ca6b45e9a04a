package io.itinera.dsl.ide;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.FoldingRange;
import org.eclipse.lsp4j.FoldingRangeRequestParams;
import org.eclipse.lsp4j.SemanticTokens;
import org.eclipse.lsp4j.SemanticTokensParams;
import org.eclipse.lsp4j.SymbolKind;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** Outline, folding, code lens and semantic tokens: what shows the journey's shape at a glance. */
class StructureTest extends JourneyServerTestBase {

	private final String text = sample();

	private static DocumentSymbol child(DocumentSymbol parent, String name) {
		return parent.getChildren().stream().filter(symbol -> symbol.getName().equals(name)).findFirst()
				.orElseThrow(() -> new AssertionError(name + " not under " + parent.getName()));
	}

	@Test
	void symbolsFormAJourneyStagesTransitionsAndCampaignsRulesHierarchy() throws Exception {
		String uri = openDocument("symbols.journey", text);
		List<Either<org.eclipse.lsp4j.SymbolInformation, DocumentSymbol>> result = languageServer
				.documentSymbol(new DocumentSymbolParams(new TextDocumentIdentifier(uri))).get(30, TimeUnit.SECONDS);
		Assertions.assertEquals(1, result.size());
		DocumentSymbol journey = result.get(0).getRight();
		Assertions.assertEquals("CartRecovery", journey.getName());
		DocumentSymbol carted = child(journey, "Carted");
		Assertions.assertEquals(SymbolKind.Class, carted.getKind());
		Assertions.assertEquals("consideration", carted.getDetail());
		Assertions.assertEquals(List.of("on purchase", "after 1 hour"),
				carted.getChildren().stream().map(DocumentSymbol::getName).toList());
		Assertions.assertEquals("-> Abandoned", carted.getChildren().get(1).getDetail());
		DocumentSymbol rescue = child(journey, "Rescue");
		Assertions.assertEquals(List.of("Coupon for big carts", "Plain reminder"),
				rescue.getChildren().stream().map(DocumentSymbol::getName).toList());
		Assertions.assertEquals(List.of("productId", "price"),
				child(journey, "cart_add").getChildren().stream().map(DocumentSymbol::getName).toList());
		child(journey, "cartValue");
		child(journey, "intent");
		child(journey, "a big abandoned cart gets a coupon");
	}

	@Test
	void codeLensCountsWaysInWaysOutAndRules() throws Exception {
		String uri = openDocument("lens.journey", text);
		List<? extends CodeLens> lenses = languageServer.codeLens(new CodeLensParams(new TextDocumentIdentifier(uri)))
				.get(30, TimeUnit.SECONDS);
		Assertions.assertEquals(6, lenses.size());
		CodeLens abandoned = lenses.stream()
				.filter(lens -> lens.getRange().getStart().equals(at(text, "stage Abandoned", 0))).findFirst()
				.orElseThrow();
		Assertions.assertEquals("1 way in · 2 ways out · 2 rules", abandoned.getCommand().getTitle());
		CodeLens browsing = lenses.get(0);
		Assertions.assertEquals("1 way in · 1 way out · 0 rules", browsing.getCommand().getTitle());
		CodeLens lapsed = lenses.get(5);
		Assertions.assertEquals("2 ways in · 0 ways out · 0 rules", lapsed.getCommand().getTitle());
	}

	@Test
	void foldingCoversBlocksAndDocComments() throws Exception {
		String uri = openDocument("folding.journey", text);
		List<FoldingRange> ranges = languageServer
				.foldingRange(new FoldingRangeRequestParams(new TextDocumentIdentifier(uri))).get(30, TimeUnit.SECONDS);
		int campaignLine = at(text, "campaign Rescue", 0).getLine();
		assertTrue(ranges.stream().anyMatch(range -> range.getStartLine() == campaignLine
				&& range.getEndLine() == at(text, "then send push", 0).getLine() + 1), ranges.toString());
		int modelLine = at(text, "model intent", 0).getLine();
		assertTrue(ranges.stream().anyMatch(range -> range.getStartLine() == modelLine), ranges.toString());
		assertTrue(ranges.stream().anyMatch(range -> range.getStartLine() == 0), "the journey's doc comment folds");
	}

	@Test
	void semanticTokensUseLspTypes() throws Exception {
		String uri = openDocument("tokens.journey", text);
		SemanticTokens tokens = languageServer
				.semanticTokensFull(new SemanticTokensParams(new TextDocumentIdentifier(uri))).get(30, TimeUnit.SECONDS);
		List<String> legend = initializeResult.getCapabilities().getSemanticTokensProvider().getLegend()
				.getTokenTypes();
		List<Integer> data = tokens.getData();
		int line = 0;
		int character = 0;
		java.util.Map<String, String> typeAt = new java.util.HashMap<>();
		for (int i = 0; i < data.size(); i += 5) {
			line += data.get(i);
			character = data.get(i) == 0 ? character + data.get(i + 1) : data.get(i + 1);
			typeAt.put(line + ":" + character, legend.get(data.get(i + 3)));
		}
		Assertions.assertEquals("class", type(typeAt, at(text, "-> Carted", 3)));
		Assertions.assertEquals("event", type(typeAt, at(text, "on cart_add", 3)));
		Assertions.assertEquals("variable", type(typeAt, at(text, "when cartValue", 5)));
		Assertions.assertEquals("function", type(typeAt, at(text, "when intent", 5)));
		Assertions.assertEquals("property", type(typeAt, at(text, "cart_add.price", 9)));
		Assertions.assertEquals("enumMember", type(typeAt, at(text, "(awareness)", 1)));
		Assertions.assertEquals("namespace", type(typeAt, at(text, "50% Rescue", 4)));
	}

	private static String type(java.util.Map<String, String> typeAt, org.eclipse.lsp4j.Position position) {
		return typeAt.get(position.getLine() + ":" + position.getCharacter());
	}
}
