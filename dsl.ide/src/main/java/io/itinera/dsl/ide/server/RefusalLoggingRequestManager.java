package io.itinera.dsl.ide.server;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;

import org.apache.log4j.Logger;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.xtext.ide.server.concurrent.ReadRequest;
import org.eclipse.xtext.ide.server.concurrent.RequestManager;
import org.eclipse.xtext.ide.server.concurrent.WriteRequest;
import org.eclipse.xtext.service.OperationCanceledManager;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.xbase.lib.Functions.Function0;
import org.eclipse.xtext.xbase.lib.Functions.Function1;
import org.eclipse.xtext.xbase.lib.Functions.Function2;

import com.google.inject.Inject;
import com.google.inject.Singleton;

/**
 * Xtext's request manager, except that a request our services answer with an error on purpose (a
 * {@link ResponseErrorException}: a refused rename, say) is logged in one line, not as an error with
 * its stack trace, once: the next write request (an edit) waits for the requests before it and would log
 * the same refusal again, in full. Anything else a request throws is still logged in full.
 */
@Singleton
public class RefusalLoggingRequestManager extends RequestManager {
	private static final Logger LOG = Logger.getLogger(RefusalLoggingRequestManager.class);

	@Inject
	public RefusalLoggingRequestManager(ExecutorService parallel, OperationCanceledManager operationCanceledManager) {
		super(parallel, operationCanceledManager);
	}

	@Override
	public synchronized <V> CompletableFuture<V> runRead(Function1<? super CancelIndicator, ? extends V> request) {
		return submit(new ReadRequest<V>(this, request, getParallelExecutorService()) {
			@Override
			protected void logAndCompleteExceptionally(Throwable error) {
				if (error instanceof ResponseErrorException answer) {
					LOG.warn("request answered with error " + answer.getResponseError().getCode() + ": "
							+ answer.getResponseError().getMessage());
					get().completeExceptionally(error);
				} else {
					super.logAndCompleteExceptionally(error);
				}
			}
		});
	}

	@Override
	public synchronized <U, V> CompletableFuture<V> runWrite(Function0<? extends U> nonCancellable,
			Function2<? super CancelIndicator, ? super U, ? extends V> cancellable) {
		return submit(new WriteRequest<>(this, nonCancellable, cancellable, refusalsAnswered(cancel())));
	}

	/** The requests before a write, done; a refusal among them was answered and logged already. */
	private static CompletableFuture<Void> refusalsAnswered(CompletableFuture<Void> previous) {
		return previous.handle((done, error) -> {
			Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
			if (cause == null || cause instanceof ResponseErrorException) {
				return null;
			}
			throw error instanceof CompletionException completion ? completion : new CompletionException(error);
		});
	}
}
