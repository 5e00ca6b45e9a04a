package io.itinera.dsl.ide;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PrepareRenameParams;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.junit.jupiter.api.Test;

/**
 * Every edit cancels the requests before it. A rename caught by an edit must still be answered,
 * and as cancelled (which LSP4J sends as RequestCancelled), never as an internal error.
 */
class RenameWhileEditingTest extends JourneyServerTestBase {

	@Test
	void renamesInterleavedWithEditsAreAnsweredOrCancelled() throws Exception {
		String text = sample();
		String uri = openDocument("burst.journey", text);
		TextDocumentIdentifier document = new TextDocumentIdentifier(uri);
		Position carted = at(text, "stage Carted", 7);
		List<CompletableFuture<?>> requests = new ArrayList<>();
		for (int version = 2; version < 42; version++) {
			requests.add(languageServer.prepareRename(new PrepareRenameParams(document, carted)));
			requests.add(languageServer.rename(new RenameParams(document, carted, "Basket" + version)));
			String edited = version % 2 == 0 ? text + "\n// edit " + version : text;
			languageServer.didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri, version),
					List.of(new TextDocumentContentChangeEvent(edited))));
		}
		int answered = 0;
		for (CompletableFuture<?> request : requests) {
			answered += awaitAnswerOrCancellation(request) ? 1 : 0;
		}
		assertTrue(answered >= 0);
	}

	/** True when answered, false when cancelled; fails on an error or no answer within 10 seconds. */
	static boolean awaitAnswerOrCancellation(CompletableFuture<?> request) throws InterruptedException {
		try {
			request.get(10, TimeUnit.SECONDS);
			return true;
		} catch (CancellationException cancelled) {
			return false;
		} catch (ExecutionException failed) {
			Throwable cause = failed.getCause();
			if (cause instanceof CompletionException && cause.getCause() instanceof CancellationException
					|| cause instanceof CancellationException) {
				return false;
			}
			throw new AssertionError("an internal error instead of an answer or a cancellation", cause);
		} catch (TimeoutException noAnswer) {
			return fail("no answer within 10 seconds");
		}
	}
}
