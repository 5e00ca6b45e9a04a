package io.itinera.dsl.ide;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.DocumentRangeFormattingParams;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.FormattingOptions;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.PrepareRenameParams;
import org.eclipse.lsp4j.ReferenceContext;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.SemanticTokensParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.junit.jupiter.api.Test;

/**
 * Edits the sample journeys at random and sends every kind of request in between, without waiting,
 * as a fast typist's editor does. Each request must be answered within 10 seconds: with a result,
 * a cancellation, or an error meant for the user, never an internal error.
 *
 * A longer run: {@code mvn -o -pl core,dsl,dsl.ide test -Dtest=LanguageServerFuzzTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Ditinera.fuzz.edits=10000 -Ditinera.fuzz.seed=16}.
 */
class LanguageServerFuzzTest extends JourneyServerTestBase {

	private static final long SEED = Long.getLong("itinera.fuzz.seed", 16);
	private static final int EDITS = Integer.getInteger("itinera.fuzz.edits", 300);
	private static final int EDITS_BETWEEN_WAITS = 3;
	private static final List<String> NEW_NAMES = List.of("Basket", "a b", "1bad", "stage", "Abandoned", "",
			"purchase", "x");

	private record Sent(String description, CompletableFuture<?> answer) {
	}

	private final Random random = new Random(SEED);
	private final RandomEdits edits = new RandomEdits(random);
	private final List<String> uris = new ArrayList<>();
	private final List<String> texts = new ArrayList<>();
	private final List<Sent> pending = new ArrayList<>();
	private final List<String> failures = new ArrayList<>();
	private int version = 1;
	private int requests;
	private int answered;
	private int cancelled;

	@Test
	void noRequestFailsOrGoesUnansweredWhileJourneysAreEdited() throws Exception {
		try (var journeys = Files.list(Path.of("..", "journeys"))) {
			for (Path journey : journeys.filter(path -> path.toString().endsWith(".journey")).sorted().toList()) {
				String text = Files.readString(journey);
				uris.add(openDocument(journey.getFileName().toString(), text));
				texts.add(text);
			}
		}
		long started = System.nanoTime();
		for (int edit = 1; edit <= EDITS; edit++) {
			int document = random.nextInt(uris.size());
			editAtRandom(document);
			for (int request = random.nextInt(4); request > 0; request--) {
				sendAtRandom(document);
			}
			if (random.nextInt(EDITS_BETWEEN_WAITS) == 0) {
				awaitAnswers();
			}
		}
		awaitAnswers();
		System.out.printf("fuzz seed %d: %d edits, %d requests (%d answered, %d cancelled by edits), %d failures in %d s%n",
				SEED, EDITS, requests, answered, cancelled, failures.size(),
				TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
		assertTrue(failures.isEmpty(), "seed " + SEED + ", " + failures.size() + " failures:\n"
				+ String.join("\n", failures.subList(0, Math.min(20, failures.size()))));
	}

	private void editAtRandom(int document) {
		String text = texts.get(document);
		var change = random.nextInt(50) == 0 ? new org.eclipse.lsp4j.TextDocumentContentChangeEvent(sampleText(document))
				: edits.change(text);
		texts.set(document, change.getRange() == null ? change.getText() : RandomEdits.apply(text, change));
		languageServer.didChange(new DidChangeTextDocumentParams(
				new VersionedTextDocumentIdentifier(uris.get(document), ++version), List.of(change)));
	}

	/** Now and then the journey comes back whole, as after an undo, so that edits also hit parsing documents. */
	private String sampleText(int document) {
		try {
			return Files.readString(Path.of("..", "journeys", Path.of(java.net.URI.create(uris.get(document))).getFileName().toString()));
		} catch (java.io.IOException e) {
			throw new IllegalStateException(e);
		}
	}

	private void sendAtRandom(int document) {
		String text = texts.get(document);
		TextDocumentIdentifier id = new TextDocumentIdentifier(uris.get(document));
		var position = edits.position(text);
		var range = edits.range(text);
		String at = " at " + position.getLine() + ":" + position.getCharacter() + " in version " + version + " of "
				+ id.getUri() + ":\n" + text;
		FormattingOptions options = new FormattingOptions(2, true);
		switch (random.nextInt(13)) {
		case 0 -> send("completion" + at, () -> languageServer.completion(new CompletionParams(id, position)));
		case 1 -> send("hover" + at, () -> languageServer.hover(new HoverParams(id, position)));
		case 2 -> send("definition" + at, () -> languageServer.definition(new DefinitionParams(id, position)));
		case 3 -> send("references" + at, () -> languageServer
				.references(new ReferenceParams(id, position, new ReferenceContext(true))));
		case 4 -> send("prepareRename" + at, () -> languageServer.prepareRename(new PrepareRenameParams(id, position)));
		case 5, 6 -> {
			String newName = NEW_NAMES.get(random.nextInt(NEW_NAMES.size()));
			send("rename to '" + newName + "'" + at,
					() -> languageServer.rename(new RenameParams(id, position, newName)));
		}
		case 7 -> send("formatting" + at, () -> languageServer.formatting(new DocumentFormattingParams(id, options)));
		case 8 -> send("rangeFormatting " + range + at,
				() -> languageServer.rangeFormatting(new DocumentRangeFormattingParams(id, options, range)));
		case 9 -> send("documentSymbol" + at, () -> languageServer.documentSymbol(new DocumentSymbolParams(id)));
		case 10 -> send("codeLens" + at, () -> languageServer.codeLens(new CodeLensParams(id)));
		case 11 -> send("codeAction " + range + at, () -> languageServer
				.codeAction(new CodeActionParams(id, range, new CodeActionContext(diagnosticsOf(id.getUri())))));
		default -> send("semanticTokens" + at, () -> languageServer.semanticTokensFull(new SemanticTokensParams(id)));
		}
	}

	private List<org.eclipse.lsp4j.Diagnostic> diagnosticsOf(String uri) {
		List<org.eclipse.lsp4j.Diagnostic> published = getDiagnostics().get(uri);
		return published == null ? List.of() : List.copyOf(published);
	}

	private void send(String description, Supplier<CompletableFuture<?>> request) {
		requests++;
		pending.add(new Sent(description, request.get()));
	}

	private void awaitAnswers() throws InterruptedException {
		for (Sent sent : pending) {
			try {
				sent.answer().get(10, TimeUnit.SECONDS);
				answered++;
			} catch (CancellationException editedMeanwhile) {
				cancelled++;
			} catch (TimeoutException noAnswer) {
				failures.add("no answer within 10 s to " + sent.description());
			} catch (ExecutionException failed) {
				if (isCancellationOrUserError(failed.getCause())) {
					answered++;
				} else {
					failures.add(failed.getCause() + " for " + sent.description());
				}
			}
		}
		pending.clear();
	}

	/** What LSP4J sends as RequestCancelled, or a ResponseError the client shows; anything else is an internal error. */
	private static boolean isCancellationOrUserError(Throwable failure) {
		Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
		return cause instanceof CancellationException || cause instanceof ResponseErrorException error
				&& error.getResponseError().getCode() != ResponseErrorCode.InternalError.getValue();
	}
}
