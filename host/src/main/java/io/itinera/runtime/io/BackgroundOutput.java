package io.itinera.runtime.io;

import io.itinera.runtime.step.ActionRecord;
import io.itinera.runtime.step.DeliveryNotice;
import io.itinera.runtime.step.StageChange;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * An output written on a thread of its own: what is written is gathered in batches of {@link #BATCH}
 * records and the batches are written, in order, while the caller goes on (the simulator applies
 * every input on one thread; turning records into text and bytes need not be on it). {@link #flush},
 * {@link #sync}, {@link #restore} and {@link #close} first wait until everything before them is
 * written, so the files hold the same bytes as when written directly. A failure to write is thrown by
 * the next call.
 */
public final class BackgroundOutput implements RunOutput {
	static final int BATCH = 2048;
	private static final int BATCHES = 8;

	private final RunOutput output;
	private final BlockingQueue<Batch> batches = new ArrayBlockingQueue<>(BATCHES);
	private final Thread writer;
	private volatile IOException failure;
	private Batch current = new Batch();

	/** Records to write, or (with {@code written}) a mark that says when all before it are written. */
	private static final class Batch {
		final List<ActionRecord> actions = new ArrayList<>();
		final List<StageChange> stageChanges = new ArrayList<>();
		final List<DeliveryNotice> notices = new ArrayList<>();
		final List<DeadLetter> deadLetters = new ArrayList<>();
		CompletableFuture<Void> written;
		boolean last;

		int size() {
			return actions.size() + stageChanges.size() + notices.size() + deadLetters.size();
		}
	}

	public BackgroundOutput(RunOutput output) {
		this.output = output;
		this.writer = new Thread(this::writeAll, "itinera-output");
		writer.setDaemon(true);
		writer.start();
	}

	private void writeAll() {
		while (true) {
			Batch batch;
			try {
				batch = batches.take();
			} catch (InterruptedException e) {
				return;
			}
			if (failure == null && batch.size() > 0) {
				try {
					output.write(batch.actions, batch.stageChanges, batch.notices, batch.deadLetters);
				} catch (IOException | RuntimeException e) {
					failure = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
				}
			}
			if (batch.written != null) {
				batch.written.complete(null);
			}
			if (batch.last) {
				return;
			}
		}
	}

	@Override
	public synchronized void write(List<ActionRecord> actions, List<StageChange> stageChanges, List<DeliveryNotice> notices,
			List<DeadLetter> deadLetters) throws IOException {
		throwIfFailed();
		current.actions.addAll(actions);
		current.stageChanges.addAll(stageChanges);
		current.notices.addAll(notices);
		current.deadLetters.addAll(deadLetters);
		if (current.size() >= BATCH) {
			handOver(current);
			current = new Batch();
		}
	}

	@Override
	public synchronized void flush() throws IOException {
		awaitWritten(false);
		output.flush();
	}

	@Override
	public synchronized OutputPositions sync() throws IOException {
		awaitWritten(false);
		return output.sync();
	}

	@Override
	public synchronized void restore(OutputPositions positions) throws IOException {
		awaitWritten(false);
		output.restore(positions);
	}

	@Override
	public synchronized void close() throws IOException {
		try {
			if (writer.isAlive()) {
				awaitWritten(true);
			}
		} finally {
			output.close();
		}
	}

	/** Hands over what was gathered and waits until the writer has written everything so far. */
	private void awaitWritten(boolean last) throws IOException {
		Batch mark = current;
		current = new Batch();
		mark.written = new CompletableFuture<>();
		mark.last = last;
		handOver(mark);
		try {
			mark.written.get();
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("interrupted while the output was written");
		} catch (ExecutionException e) {
			throw new IOException(e.getCause());
		}
		throwIfFailed();
	}

	private void handOver(Batch batch) throws IOException {
		try {
			batches.put(batch);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("interrupted while the output was written");
		}
	}

	private void throwIfFailed() throws IOException {
		IOException failed = failure;
		if (failed != null) {
			throw new IOException("cannot write the output: " + failed.getMessage(), failed);
		}
	}
}
