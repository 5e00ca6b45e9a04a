package io.itinera.dsl.ide;

import org.junit.jupiter.api.Assertions;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.junit.jupiter.api.Test;

/**
 * A segment declared once in the folder's {@code itinera.workspace}, in the editor of a journey that names
 * it: no error, hover shows the shared definition, go-to-definition opens the workspace file at its line,
 * rename renames it there and in the journey.
 */
class SharedSegmentNavigationTest extends JourneyServerTestBase {
	private static final String WORKSPACE = """
			# what the journeys of this folder share
			cap email 1 per 1 day
			segment Big "Spent over 1000" = spend > 1000   # any journey that declares spend
			""";

	private static final String JOURNEY = """
			journey Vip {
			  entry on segment Big -> Welcome
			  event order { amount: decimal }
			  feature spend = sum(order.amount)
			  stage Welcome { on leaving segment Big -> Gone }
			  stage Gone { }
			  campaign Thanks in Welcome {
			    cap 1 per 30 days
			    rule "Big" when segment Big then send email "thanks"
			  }
			}
			""";

	private String workspaceFile() throws Exception {
		Path file = root.toPath().resolve("itinera.workspace");
		Files.writeString(file, WORKSPACE);
		return file.toUri().toString();
	}

	@Test
	void aSharedSegmentLinksHoversAndGoesToItsLine() throws Exception {
		String workspace = workspaceFile();
		String uri = openDocument("vip.journey", JOURNEY);
		List<Diagnostic> errors = diagnostics(uri).stream().filter(d -> d.getSeverity() == DiagnosticSeverity.Error).toList();
		Assertions.assertEquals(List.of(), errors);

		String markdown = languageServer.hover(new HoverParams(new TextDocumentIdentifier(uri),
				at(JOURNEY, "when segment Big", "when segment B".length()))).get(30, TimeUnit.SECONDS).getContents().getRight().getValue();
		assertTrue(markdown.contains("segment Big \"Spent over 1000\" = spend > 1000"), markdown);

		List<? extends Location> locations = languageServer.definition(new DefinitionParams(new TextDocumentIdentifier(uri),
				at(JOURNEY, "leaving segment Big", "leaving segment B".length()))).get(30, TimeUnit.SECONDS).getLeft();
		Assertions.assertEquals(1, locations.size(), locations.toString());
		Assertions.assertEquals(Path.of(java.net.URI.create(workspace)), Path.of(java.net.URI.create(locations.get(0).getUri())));
		Assertions.assertEquals(at(WORKSPACE, "segment Big", "segment ".length()), locations.get(0).getRange().getStart());
	}

	@Test
	void renameFromAUseRenamesTheWorkspaceFileAndTheJourney() throws Exception {
		String workspace = workspaceFile();
		String uri = openDocument("rename-shared.journey", JOURNEY);
		WorkspaceEdit edit = languageServer.rename(new RenameParams(new TextDocumentIdentifier(uri),
				at(JOURNEY, "when segment Big", "when segment B".length()), "Large")).get(30, TimeUnit.SECONDS);
		Assertions.assertEquals(JOURNEY.replace("segment Big", "segment Large"), apply(JOURNEY, editsFor(edit, uri)));
		String workspaceUri = edit.getChanges() == null ? workspace : edit.getChanges().keySet().stream()
				.filter(k -> k.endsWith("itinera.workspace")).findFirst().orElse(workspace);
		Assertions.assertEquals(WORKSPACE.replace("segment Big", "segment Large"), apply(WORKSPACE, editsFor(edit, workspaceUri)));
	}

	@Test
	void aJourneyWithoutWhatTheSharedSegmentReadsIsTold() throws Exception {
		workspaceFile();
		String text = JOURNEY.replace("feature spend = sum(order.amount)", "feature total = sum(order.amount)");
		String uri = openDocument("lacking.journey", text);
		assertTrue(diagnostics(uri).stream().anyMatch(d -> d.getSeverity() == DiagnosticSeverity.Error
				&& d.getMessage().getLeft().contains("Segment Big (itinera.workspace line 3) reads spend, which journey Vip does not declare")),
				diagnostics(uri).toString());
	}
}
