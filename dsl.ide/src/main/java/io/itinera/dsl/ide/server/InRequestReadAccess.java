package io.itinera.dsl.ide.server;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.xtext.ide.server.ILanguageServerAccess;
import org.eclipse.xtext.util.CancelIndicator;

/**
 * The server access handed to a service that already runs inside a read request: its reads run
 * right there, under that request's cancel indicator.
 *
 * Xtext's own access queues every read as a new request and the rename service waits for it. An
 * edit arriving in between cancels the outer request but queues its write ahead of the inner
 * read, and the write waits for the outer request: rename then never answers, and a cancelled
 * inner read surfaces as an internal error instead of a cancellation.
 */
class InRequestReadAccess implements ILanguageServerAccess {

	private final ILanguageServerAccess server;
	private final CancelIndicator cancelIndicator;

	InRequestReadAccess(ILanguageServerAccess server, CancelIndicator cancelIndicator) {
		this.server = server;
		this.cancelIndicator = cancelIndicator;
	}

	@Override
	public <T> CompletableFuture<T> doRead(String uri, Function<Context, T> function) {
		return CompletableFuture.completedFuture(doSyncRead(uri, function));
	}

	@Override
	public <T> T doSyncRead(String uri, Function<Context, T> function) {
		return server.doSyncRead(uri, context -> function.apply(new Context(context.getResource(),
				context.getDocument(), context.isDocumentOpen(), cancelIndicator)));
	}

	@Override
	public <T> CompletableFuture<T> doReadIndex(Function<? super IndexContext, ? extends T> function) {
		return server.doReadIndex(function);
	}

	@Override
	public void addBuildListener(IBuildListener listener) {
		server.addBuildListener(listener);
	}

	@Override
	public void removeBuildListener(IBuildListener listener) {
		server.removeBuildListener(listener);
	}

	@Override
	public LanguageClient getLanguageClient() {
		return server.getLanguageClient();
	}

	@Override
	public ResourceSet newLiveScopeResourceSet(URI uri) {
		return server.newLiveScopeResourceSet(uri);
	}

	@Override
	public InitializeParams getInitializeParams() {
		return server.getInitializeParams();
	}

	@Override
	public InitializeResult getInitializeResult() {
		return server.getInitializeResult();
	}
}
