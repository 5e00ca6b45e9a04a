package io.itinera.serve.intake;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The write-ahead input log: accepted events as JSON Lines, appended and fsync'd before a request
 * is answered. One writer thread takes every batch waiting at the time and syncs them together
 * (group commit), so many small requests share one fsync. Readers see only synced bytes
 * ({@link #durableLength()}), so the engine never processes an event that was not acknowledged-able.
 */
public final class InputLog implements AutoCloseable {
	private final FileChannel channel;
	private final LinkedBlockingQueue<PendingAppend> waiting = new LinkedBlockingQueue<>();
	private final Thread writer;
	private final Object grown = new Object();
	private volatile long durableLength;
	private volatile boolean closed;

	private record PendingAppend(ByteBuffer bytes, CompletableFuture<Void> done) {
	}

	public InputLog(Path file) throws IOException {
		channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
		durableLength = completeLinesLength(channel);
		// A killed server may have left half a batch it never acknowledged: drop it.
		channel.truncate(durableLength);
		channel.position(durableLength);
		writer = new Thread(this::writeLoop, "itinera-input-log");
		writer.setDaemon(true);
		writer.start();
	}

	private static long completeLinesLength(FileChannel channel) throws IOException {
		long end = channel.size();
		ByteBuffer one = ByteBuffer.allocate(1);
		while (end > 0) {
			one.clear();
			channel.read(one, end - 1);
			if (one.get(0) == '\n') {
				return end;
			}
			end--;
		}
		return 0;
	}

	/** Appends complete lines (each ending in a newline) and returns once they are on disk. */
	public void append(byte[] lines) throws IOException, InterruptedException {
		if (closed) {
			throw new IOException("the server is stopping");
		}
		PendingAppend append = new PendingAppend(ByteBuffer.wrap(lines), new CompletableFuture<>());
		waiting.add(append);
		try {
			append.done().get(30, TimeUnit.SECONDS);
		} catch (ExecutionException e) {
			throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
		} catch (java.util.concurrent.TimeoutException e) {
			throw new IOException("the input log did not sync within 30 s");
		}
	}

	private void writeLoop() {
		List<PendingAppend> batch = new ArrayList<>();
		while (!closed || !waiting.isEmpty()) {
			try {
				PendingAppend first = waiting.poll(50, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				batch.add(first);
				waiting.drainTo(batch);
				writeAndSync(batch);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return;
			} finally {
				batch.clear();
			}
		}
	}

	private void writeAndSync(List<PendingAppend> batch) {
		try {
			long written = 0;
			for (PendingAppend append : batch) {
				while (append.bytes().hasRemaining()) {
					written += channel.write(append.bytes());
				}
			}
			channel.force(false);
			durableLength += written;
			batch.forEach(append -> append.done().complete(null));
			synchronized (grown) {
				grown.notifyAll();
			}
		} catch (IOException | RuntimeException e) {
			batch.forEach(append -> append.done().completeExceptionally(e));
		}
	}

	/** Bytes of complete, synced lines. */
	public long durableLength() {
		return durableLength;
	}

	/** Waits until the log is longer than {@code length}, it closes, or the time is up. */
	public void awaitLongerThan(long length, long maxWaitMillis) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxWaitMillis);
		synchronized (grown) {
			while (durableLength <= length && !closed) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return;
				}
				TimeUnit.NANOSECONDS.timedWait(grown, left);
			}
		}
	}

	public boolean isClosed() {
		return closed;
	}

	/** Reads synced bytes at {@code position} (for the tailing reader). */
	int read(ByteBuffer into, long position) throws IOException {
		return channel.read(into, position);
	}

	@Override
	public void close() throws IOException {
		closed = true;
		synchronized (grown) {
			grown.notifyAll();
		}
		try {
			writer.join(10_000);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		channel.close();
	}

}
