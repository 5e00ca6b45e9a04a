package io.itinera.dsl.ide;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** Segments in the editor: hover shows the definition, go-to-definition and rename follow every use; mistakes are diagnostics. */
class SegmentNavigationTest extends JourneyServerTestBase {
	private static final String TEXT = """
			journey Winback {
			  entry on segment Dormant -> Lapsed
			  event order { amount: decimal }
			  feature daysSinceOrder = days since last order
			  /** Ordered before, then nothing for two months. */
			  segment Dormant "No order for 60 days" = daysSinceOrder > 60 days
			  segment Deep = segment Dormant and daysSinceOrder > 120 days
			  stage Lapsed { on leaving segment Dormant -> Back }
			  stage Back { }
			  campaign Nudge in Lapsed {
			    rule "Deep" when segment Deep then send email "deep"
			    rule "Other" otherwise then send email "winback"
			  }
			}
			""";

	@Test
	void hoverOnASegmentShowsItsDocAndCondition() throws Exception {
		String uri = openDocument("hover.journey", TEXT);
		String markdown = languageServer.hover(new HoverParams(new TextDocumentIdentifier(uri),
				at(TEXT, "= segment Dormant", "= segment D".length()))).get(30, TimeUnit.SECONDS).getContents().getRight().getValue();
		assertTrue(markdown.contains("Ordered before, then nothing for two months."), markdown);
		assertTrue(markdown.contains("segment Dormant \"No order for 60 days\" = daysSinceOrder > 60"), markdown);
	}

	@Test
	void definitionOfASegmentUse() throws Exception {
		String uri = openDocument("definition.journey", TEXT);
		List<? extends Location> locations = languageServer.definition(new DefinitionParams(new TextDocumentIdentifier(uri),
				at(TEXT, "leaving segment Dormant", "leaving segment D".length()))).get(30, TimeUnit.SECONDS).getLeft();
		Assertions.assertEquals(1, locations.size());
		Assertions.assertEquals(at(TEXT, "segment Dormant \"", "segment ".length()), locations.get(0).getRange().getStart());
	}

	@Test
	void renameASegmentRenamesEveryUse() throws Exception {
		String uri = openDocument("rename.journey", TEXT);
		WorkspaceEdit edit = languageServer.rename(new RenameParams(new TextDocumentIdentifier(uri),
				at(TEXT, "segment Dormant \"", "segment D".length()), "Lapsing")).get(30, TimeUnit.SECONDS);
		String renamed = apply(TEXT, editsFor(edit, uri));
		Assertions.assertEquals(TEXT.replace("Dormant", "Lapsing"), renamed);
	}

	@Test
	void anUnknownSegmentAndACycleAreErrorsThatSayWhatToDo() throws Exception {
		String broken = TEXT.replace("rule \"Deep\" when segment Deep", "rule \"Deep\" when segment Deeper")
				.replace("segment Dormant \"No order for 60 days\" = daysSinceOrder > 60 days",
						"segment Dormant \"No order for 60 days\" = daysSinceOrder > 60 days and not segment Deep");
		String uri = openDocument("broken.journey", broken);
		List<Diagnostic> diagnostics = diagnostics(uri);
		assertTrue(diagnostics.stream().anyMatch(d -> text(d).contains("Unknown segment 'Deeper'")
				&& text(d).contains("Declare it with `segment Deeper")), diagnostics.toString());
		assertTrue(diagnostics.stream().anyMatch(d -> text(d).contains("Segment Dormant names itself: Dormant -> Deep -> Dormant")),
				diagnostics.toString());
	}

	private static String text(Diagnostic diagnostic) {
		return diagnostic.getMessage().isLeft() ? diagnostic.getMessage().getLeft() : diagnostic.getMessage().getRight().getValue();
	}

	@Test
	void anUnknownSegmentIsFixedToTheNearestOrCreated() throws Exception {
		String text = TEXT.replace("on leaving segment Dormant", "on leaving segment Dormnat");
		String uri = openDocument("fix.journey", text);
		List<Diagnostic> linking = diagnostics(uri).stream().filter(d -> d.getCode() != null
				&& org.eclipse.xtext.diagnostics.Diagnostic.LINKING_DIAGNOSTIC.equals(d.getCode().getLeft())).toList();
		Assertions.assertEquals(1, linking.size(), linking.toString());
		List<org.eclipse.lsp4j.CodeAction> actions = languageServer.codeAction(new org.eclipse.lsp4j.CodeActionParams(
				new TextDocumentIdentifier(uri), linking.get(0).getRange(), new org.eclipse.lsp4j.CodeActionContext(linking)))
				.get(30, TimeUnit.SECONDS).stream().map(org.eclipse.lsp4j.jsonrpc.messages.Either::getRight).toList();
		Assertions.assertEquals("Change to 'Dormant'", actions.get(0).getTitle());
		Assertions.assertEquals(TEXT, apply(text, editsFor(actions.get(0).getEdit(), uri)));
		org.eclipse.lsp4j.CodeAction create = actions.stream().filter(a -> a.getTitle().equals("Create segment 'Dormnat'"))
				.findFirst().orElseThrow(() -> new AssertionError(actions.toString()));
		String created = apply(text, editsFor(create.getEdit(), uri));
		assertTrue(created.contains("segment Deep = segment Dormant and daysSinceOrder > 120 days\n  segment Dormnat \"who they are\" = true\n"),
				created);
		List<Diagnostic> errors = diagnostics(openDocument("created.journey", created)).stream()
				.filter(d -> d.getSeverity() == org.eclipse.lsp4j.DiagnosticSeverity.Error).toList();
		Assertions.assertEquals(List.of(), errors, created);
	}
}
