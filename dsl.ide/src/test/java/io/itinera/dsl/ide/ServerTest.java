package io.itinera.dsl.ide;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.lsp4j.ExecuteCommandParams;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

import io.itinera.dsl.ide.graph.JourneyCommandService;

class ServerTest extends JourneyServerTestBase {

	private String graph(String name, String text) throws Exception {
		String uri = openDocument(name, text);
		return (String) languageServer
				.executeCommand(new ExecuteCommandParams(JourneyCommandService.GRAPH, List.of(uri)))
				.get(30, TimeUnit.SECONDS);
	}

	@Test
	void graphCommandDrawsACompilingJourneyWithTheRuntimesExport() throws Exception {
		String graph = graph("graph.journey", sample());
		assertTrue(graph.startsWith("flowchart LR\n"), graph);
		assertTrue(graph.contains("s_Carted -.->|"), "timer transitions are dotted: " + graph);
		assertTrue(graph.contains("Abandoned"), graph);
	}

	@Test
	void graphCommandDrawsAJourneyWithErrorsFromItsSyntaxTree() throws Exception {
		String broken = sample().replace("after 3 days -> Lapsed", "after 3 days -> Lapsd");
		String graph = graph("broken-graph.journey", broken);
		assertTrue(graph.startsWith("flowchart LR\n"), graph);
		assertTrue(graph.contains("s_Carted -->|\"after 1 hour\"| s_Abandoned"), graph);
		assertTrue(graph.contains("s_Abandoned -->|\"when intent #gt; 0.6\"| s_HighIntent"), graph);
		assertTrue(graph.contains("entry((\"start\")) -->|\"on cart_add\"| s_Browsing"), graph);
		assertTrue(graph.contains("s_Lapsed[\"Lapsed<br/><small>awareness</small>\"]:::awareness"), graph);
	}

	@Test
	void brokenJourneysUnderGitNodeModulesAndTargetAreNotScanned() throws Exception {
		languageServer.shutdown().get();
		notifications.clear();
		for (String folder : List.of(".git", "node_modules", "target", "journeys")) {
			File dir = new File(root, folder);
			dir.mkdirs();
			Files.writeString(new File(dir, "broken.journey").toPath(), "journey Broken { stage }");
		}
		// a fresh server scans the workspace on initialize
		setup();
		initializeServer();
		String scanned = new File(root, "journeys/broken.journey").toURI().toString();
		awaitBuild(scanned);
		List<String> uris = getDiagnostics().keySet().stream().filter(uri -> uri.endsWith("broken.journey")).toList();
		Assertions.assertEquals(1, uris.size(), uris.toString());
		assertTrue(uris.get(0).contains("/journeys/"), uris.toString());
	}
}
