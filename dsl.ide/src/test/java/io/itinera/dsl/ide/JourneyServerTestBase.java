package io.itinera.dsl.ide;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DocumentSymbolCapabilities;
import org.eclipse.lsp4j.FoldingRangeCapabilities;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.RenameCapabilities;
import org.eclipse.lsp4j.TextDocumentClientCapabilities;
import org.eclipse.lsp4j.TextDocumentEdit;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.xtext.testing.AbstractLanguageServerTest;
import org.junit.jupiter.api.BeforeEach;

import com.google.inject.Module;

import io.itinera.dsl.ide.server.JourneyServerModule;

/** Drives the journey language server as a client would, through its LSP entry points. */
public abstract class JourneyServerTestBase extends AbstractLanguageServerTest {

	protected JourneyServerTestBase() {
		super("journey");
	}

	@Override
	protected Module getServerModule() {
		return new JourneyServerModule();
	}

	protected org.eclipse.lsp4j.InitializeResult initializeResult;

	@BeforeEach
	void initializeServer() throws IOException {
		copySampleModelsIntoWorkspace();
		initializeResult = initialize(params -> {
			ClientCapabilities capabilities = new ClientCapabilities();
			TextDocumentClientCapabilities text = new TextDocumentClientCapabilities();
			DocumentSymbolCapabilities symbols = new DocumentSymbolCapabilities();
			symbols.setHierarchicalDocumentSymbolSupport(true);
			text.setDocumentSymbol(symbols);
			text.setFoldingRange(new FoldingRangeCapabilities());
			RenameCapabilities rename = new RenameCapabilities();
			rename.setPrepareSupport(true);
			text.setRename(rename);
			capabilities.setTextDocument(text);
			org.eclipse.lsp4j.WorkspaceClientCapabilities workspace = new org.eclipse.lsp4j.WorkspaceClientCapabilities();
			workspace.setExecuteCommand(new org.eclipse.lsp4j.ExecuteCommandCapabilities());
			capabilities.setWorkspace(workspace);
			params.setCapabilities(capabilities);
		});
	}

	/** The sample journeys name their ONNX models relative to themselves; the validator opens them. */
	private void copySampleModelsIntoWorkspace() throws IOException {
		java.nio.file.Path models = java.nio.file.Path.of("..", "journeys", "models");
		java.nio.file.Path target = root.toPath().resolve("models");
		java.nio.file.Files.createDirectories(target);
		try (var files = java.nio.file.Files.list(models)) {
			for (java.nio.file.Path model : files.filter(f -> f.toString().endsWith(".onnx")).toList()) {
				java.nio.file.Files.copy(model, target.resolve(model.getFileName()),
						java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			}
		}
	}

	protected static String sample() {
		try (InputStream in = JourneyServerTestBase.class.getResourceAsStream("/cart-recovery.journey")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		} catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

	/** Opens the text as a new document and waits until the server has built and validated it. */
	protected String openDocument(String name, String text) {
		String uri = writeFile(name, "");
		open(uri, text);
		awaitBuild(uri);
		return uri;
	}

	protected void awaitBuild(String uri) {
		try {
			HoverParams anyRead = new HoverParams(new TextDocumentIdentifier(uri), new Position(0, 0));
			languageServer.hover(anyRead).get(30, TimeUnit.SECONDS);
		} catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	protected List<Diagnostic> diagnostics(String uri) {
		awaitBuild(uri);
		List<Diagnostic> diagnostics = getDiagnostics().get(uri);
		return diagnostics == null ? List.of() : diagnostics;
	}

	/** The position of the first occurrence of {@code marker}, moved {@code delta} characters to the right. */
	protected static Position at(String text, String marker, int delta) {
		int offset = text.indexOf(marker);
		if (offset < 0) {
			fail("marker not found: " + marker);
		}
		return positionOf(text, offset + delta);
	}

	protected static Position positionOf(String text, int offset) {
		int line = 0;
		int lineStart = 0;
		for (int i = 0; i < offset; i++) {
			if (text.charAt(i) == '\n') {
				line++;
				lineStart = i + 1;
			}
		}
		return new Position(line, offset - lineStart);
	}

	protected static int offsetOf(String text, Position position) {
		int offset = 0;
		for (int line = 0; line < position.getLine(); line++) {
			offset = text.indexOf('\n', offset) + 1;
		}
		return offset + position.getCharacter();
	}

	protected static String apply(String text, List<? extends TextEdit> edits) {
		List<TextEdit> sorted = new ArrayList<>(edits);
		sorted.sort(Comparator.comparingInt((TextEdit edit) -> offsetOf(text, edit.getRange().getStart())).reversed());
		String result = text;
		for (TextEdit edit : sorted) {
			int start = offsetOf(text, edit.getRange().getStart());
			int end = offsetOf(text, edit.getRange().getEnd());
			result = result.substring(0, start) + edit.getNewText() + result.substring(end);
		}
		return result;
	}

	protected static List<TextEdit> editsFor(WorkspaceEdit edit, String uri) {
		List<TextEdit> edits = new ArrayList<>();
		if (edit.getChanges() != null) {
			for (Map.Entry<String, List<TextEdit>> entry : edit.getChanges().entrySet()) {
				if (entry.getKey().equals(uri)) {
					edits.addAll(entry.getValue());
				}
			}
		}
		if (edit.getDocumentChanges() != null) {
			for (Either<TextDocumentEdit, ?> change : edit.getDocumentChanges()) {
				if (change.isLeft() && change.getLeft().getTextDocument().getUri().equals(uri)) {
					change.getLeft().getEdits().forEach(either -> edits.add(either.getLeft()));
				}
			}
		}
		assertTrue(!edits.isEmpty(), "the edit changes " + uri + ": " + edit);
		return edits;
	}
}
