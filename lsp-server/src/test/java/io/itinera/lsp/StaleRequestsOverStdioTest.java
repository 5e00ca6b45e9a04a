package io.itinera.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.ConfigurationParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.RegistrationParams;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The language server as an editor meets it, a child process spoken to over stdio: requests that name
 * places the document no longer has (stale diagnostics after an edit) and refused renames get a plain
 * answer, and the server's log gets a line, not a stack trace or the document.
 */
class StaleRequestsOverStdioTest {
	private static final String LINKING = "org.eclipse.xtext.diagnostics.Diagnostic.Linking";

	@TempDir
	Path workspace;
	private Process server;
	private Path serverLog;
	private LanguageServer remote;
	private final List<PublishDiagnosticsParams> published = new ArrayList<>();

	@BeforeEach
	void startServer() throws Exception {
		Path models = Files.createDirectories(workspace.resolve("models"));
		try (var files = Files.list(Path.of("..", "journeys", "models"))) {
			for (Path model : files.filter(f -> f.toString().endsWith(".onnx")).toList()) {
				Files.copy(model, models.resolve(model.getFileName()));
			}
		}
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		serverLog = workspace.resolve("server.log");
		server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xss4m", "-cp", classPath,
				JourneyLanguageServerLauncher.class.getName()).redirectError(serverLog.toFile()).start();
		Launcher<LanguageServer> launcher = LSPLauncher.createClientLauncher(new Client(), server.getInputStream(),
				server.getOutputStream());
		launcher.startListening();
		remote = launcher.getRemoteProxy();
		InitializeParams initialize = new InitializeParams();
		initialize.setRootUri(workspace.toUri().toString());
		initialize.setCapabilities(new ClientCapabilities());
		remote.initialize(initialize).get(120, TimeUnit.SECONDS);
		remote.initialized(new InitializedParams());
	}

	@AfterEach
	void stopServer() throws Exception {
		try {
			remote.shutdown().get(30, TimeUnit.SECONDS);
			remote.exit();
			server.waitFor(30, TimeUnit.SECONDS);
		} finally {
			server.destroyForcibly();
		}
	}

	@Test
	void aDiagnosticOutsideTheDocumentGetsNoFixAndNoInternalError() throws Exception {
		String text = Files.readString(Path.of("..", "journeys", "cart-recovery.journey"));
		String uri = open("cart-recovery.journey", text);

		Diagnostic stale = linking(new Range(new Position(160, 0), new Position(160, 5)));
		Diagnostic pastLineEnd = linking(new Range(new Position(2, 400), new Position(2, 405)));
		List<Either<Command, CodeAction>> actions = codeActions(uri, new Range(new Position(0, 0), new Position(0, 0)),
				stale, pastLineEnd);
		assertEquals(List.of(), actions, "no fix for a place the document does not have");

		String log = Files.readString(serverLog, StandardCharsets.UTF_8);
		assertFalse(log.contains("IndexOutOfBounds"), log);
		assertFalse(log.contains("Bring back shoppers"), "the document is not dumped into the log:\n" + log);
	}

	@Test
	void aStaleDiagnosticBesideARealOneLeavesTheRealOnesFix() throws Exception {
		String text = Files.readString(Path.of("..", "journeys", "cart-recovery.journey"))
				.replace("after 1 hour -> Abandoned", "after 1 hour -> Abandonned");
		String uri = open("broken.journey", text);
		Diagnostic real = awaitDiagnostics(uri).stream()
				.filter(d -> d.getMessage().getLeft().contains("Unknown stage 'Abandonned'")).findFirst().orElseThrow();

		List<Either<Command, CodeAction>> actions = codeActions(uri, real.getRange(),
				linking(new Range(new Position(160, 0), new Position(160, 5))), real);
		assertTrue(actions.stream().anyMatch(a -> a.isRight() && a.getRight().getTitle().equals("Change to 'Abandoned'")),
				actions.toString());
	}

	@Test
	void aRefusedRenameIsAnsweredAndLoggedInOneLine() throws Exception {
		String text = Files.readString(Path.of("..", "journeys", "cart-recovery.journey"));
		String uri = open("cart-recovery.journey", text);

		ResponseErrorException answer = renameCartedToAbandoned(uri, text);
		assertEquals(ResponseErrorCode.InvalidParams.getValue(), answer.getResponseError().getCode());
		assertTrue(answer.getResponseError().getMessage().contains("already has"), answer.getResponseError().getMessage());

		assertRefusalLoggedInOneLine();
	}

	@Test
	void anEditAfterARefusedRenameLogsTheRefusalOnceAndNoStackTrace() throws Exception {
		String text = Files.readString(Path.of("..", "journeys", "cart-recovery.journey"));
		String uri = open("cart-recovery.journey", text);
		renameCartedToAbandoned(uri, text);
		// the edit's write request waits for every request since the last write, the refused rename among them
		String edited = text.replace("after 1 hour -> Abandoned", "after 1 hour -> Abandonned");
		remote.getTextDocumentService().didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri, 2),
				List.of(new TextDocumentContentChangeEvent(edited))));
		awaitDiagnostics(uri);

		assertRefusalLoggedInOneLine();
		assertFalse(Files.readString(serverLog, StandardCharsets.UTF_8).contains("Error during request"));
	}

	/** Renames stage Carted to the name another stage has: the server refuses. */
	private ResponseErrorException renameCartedToAbandoned(String uri, String text) {
		int line = (int) text.substring(0, text.indexOf("stage Carted")).chars().filter(c -> c == '\n').count();
		RenameParams rename = new RenameParams(new TextDocumentIdentifier(uri), new Position(line, "  stage Car".length()),
				"Abandoned");
		ExecutionException refused = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
				() -> remote.getTextDocumentService().rename(rename).get(60, TimeUnit.SECONDS));
		return (ResponseErrorException) refused.getCause();
	}

	private void assertRefusalLoggedInOneLine() throws IOException {
		String log = Files.readString(serverLog, StandardCharsets.UTF_8);
		assertEquals(1, log.lines().filter(l -> l.contains("already has")).count(), "the refusal in one line:\n" + log);
		assertFalse(log.contains("\tat "), "no stack trace:\n" + log);
	}

	private String open(String name, String text) {
		String uri = workspace.resolve(name).toUri().toString();
		remote.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "journey", 1, text)));
		return uri;
	}

	private List<Either<Command, CodeAction>> codeActions(String uri, Range range, Diagnostic... diagnostics) throws Exception {
		CodeActionParams params = new CodeActionParams(new TextDocumentIdentifier(uri), range,
				new CodeActionContext(List.of(diagnostics)));
		return remote.getTextDocumentService().codeAction(params).get(60, TimeUnit.SECONDS);
	}

	private static Diagnostic linking(Range range) {
		Diagnostic diagnostic = new Diagnostic(range, "Unknown stage 'Gone'.");
		diagnostic.setCode(LINKING);
		return diagnostic;
	}

	private List<Diagnostic> awaitDiagnostics(String uri) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		while (System.nanoTime() < deadline) {
			synchronized (published) {
				for (PublishDiagnosticsParams params : published) {
					if (params.getUri().equals(uri) && !params.getDiagnostics().isEmpty()) {
						return params.getDiagnostics();
					}
				}
				published.wait(100);
			}
		}
		throw new AssertionError("no diagnostics for " + uri);
	}

	private final class Client implements LanguageClient {
		@Override
		public void publishDiagnostics(PublishDiagnosticsParams diagnostics) {
			synchronized (published) {
				published.add(diagnostics);
				published.notifyAll();
			}
		}

		@Override
		public void telemetryEvent(Object object) {
		}

		@Override
		public void showMessage(MessageParams messageParams) {
		}

		@Override
		public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams requestParams) {
			return CompletableFuture.completedFuture(null);
		}

		@Override
		public void logMessage(MessageParams message) {
		}

		@Override
		public CompletableFuture<Void> registerCapability(RegistrationParams params) {
			return CompletableFuture.completedFuture(null);
		}

		@Override
		public CompletableFuture<List<Object>> configuration(ConfigurationParams configurationParams) {
			return CompletableFuture.completedFuture(List.of());
		}
	}
}
