package io.itinera.dsl.ide;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.xtext.testing.AbstractLanguageServerTest;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

import com.google.inject.Module;

import io.itinera.dsl.ide.server.JourneyServerModule;

/** A client with no folder open sends no root URI and no workspace folders. */
class WithoutRootTest extends AbstractLanguageServerTest {

	WithoutRootTest() {
		super("journey");
	}

	@Override
	protected Module getServerModule() {
		return new JourneyServerModule();
	}

	@Test
	void singleFilesAreServedWithoutAWorkspace() throws Exception {
		InitializeParams params = new InitializeParams();
		params.setCapabilities(new ClientCapabilities());
		languageServer.initialize(params).get(30, TimeUnit.SECONDS);
		languageServer.initialized(new InitializedParams());
		String uri = root.toPath().resolve("loose.journey").toUri().toString();
		String text = "journey Loose {\n  entry on visit\n  event visit\n  stage A (awareness) { on visit -> B }\n}\n";
		languageServer.didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "journey", 1, text)));
		languageServer.hover(new org.eclipse.lsp4j.HoverParams(new org.eclipse.lsp4j.TextDocumentIdentifier(uri),
				new org.eclipse.lsp4j.Position(0, 0))).get(30, TimeUnit.SECONDS);
		List<Diagnostic> diagnostics = getDiagnostics().get(uri);
		Assertions.assertNotNull(diagnostics, "diagnostics are published for " + uri + ": " + getDiagnostics());
		Assertions.assertTrue(diagnostics.stream().anyMatch(d -> d.getMessage().getLeft().contains("Unknown stage 'B'")),
				diagnostics.toString());
	}
}
