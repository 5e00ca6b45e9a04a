package io.itinera.runtime.io;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A finite source read ahead on a thread of its own: reading and parsing the lines overlaps with
 * whatever the caller does with them, and the caller gets the same records in the same order, with
 * the position and line number the source had after each. For a host that applies every record on
 * one thread (the simulator); memory is bounded by {@link #CHUNKS} chunks of {@link #CHUNK} records.
 * Not for live sources: it only calls {@link EventSource#next()}.
 */
public final class ReadAheadSource implements EventSource {
	static final int CHUNK = 1024;
	static final int CHUNKS = 16;

	private final EventSource source;
	private final long size;
	private final BlockingQueue<Chunk> chunks = new ArrayBlockingQueue<>(CHUNKS);
	private final Thread reader;
	private volatile boolean closed;
	private Chunk current;
	private int index;
	private long position;
	private long lineNumber;

	/** Records read with their source's position and line number after each; {@code size} records or fewer. */
	private static final class Chunk {
		final SourceRecord[] records = new SourceRecord[CHUNK];
		final long[] positions = new long[CHUNK];
		final long[] lineNumbers = new long[CHUNK];
		int size;
		/** The last chunk: the source ended (or failed) after its records. */
		boolean last;
		Throwable failure;
	}

	/** Starts reading {@code source} from where it stands; the caller reads it only through this from now on. */
	public ReadAheadSource(EventSource source) {
		this.source = source;
		this.size = source.size();
		this.position = source.position();
		this.lineNumber = source.lineNumber();
		this.reader = new Thread(this::readAll, "itinera-reader");
		reader.setDaemon(true);
		reader.start();
	}

	private void readAll() {
		try {
			while (true) {
				Chunk chunk = new Chunk();
				try {
					SourceRecord record;
					while (chunk.size < CHUNK && (record = source.next()) != null) {
						chunk.records[chunk.size] = record;
						chunk.positions[chunk.size] = source.position();
						chunk.lineNumbers[chunk.size] = source.lineNumber();
						chunk.size++;
					}
					chunk.last = chunk.size < CHUNK;
				} catch (IOException | RuntimeException | Error e) {
					chunk.failure = e;
					chunk.last = true;
				}
				while (!closed && !chunks.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
					// the caller is behind: wait for room
				}
				if (chunk.last || closed) {
					return;
				}
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public SourceRecord next() throws IOException {
		if (current == null || index == current.size) {
			if (current != null && current.last) {
				return failedOrEnd();
			}
			current = take();
			index = 0;
			if (current.size == 0) {
				return failedOrEnd();
			}
		}
		position = current.positions[index];
		lineNumber = current.lineNumbers[index];
		return current.records[index++];
	}

	private SourceRecord failedOrEnd() throws IOException {
		ThreadWork.throwAsItWas(current.failure);
		return null;
	}

	private Chunk take() throws IOException {
		try {
			return chunks.take();
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("interrupted while waiting for the log's next lines");
		}
	}

	@Override
	public long position() {
		return position;
	}

	@Override
	public long lineNumber() {
		return lineNumber;
	}

	/** Read ahead from the start: it cannot move. */
	@Override
	public void resumeAt(long position, long lineNumber) {
		throw new UnsupportedOperationException("a source read ahead cannot resume elsewhere; resume the source before reading ahead");
	}

	@Override
	public long size() {
		return size;
	}

	/**
	 * Stops reading ahead and waits for the reading thread (it ends the chunk it is reading: an
	 * interrupt could close the source's channel under it); the source itself stays open for its owner.
	 */
	@Override
	public void close() {
		closed = true;
		try {
			reader.join();
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new UncheckedIOException(new InterruptedIOException("interrupted while stopping the log's reader"));
		}
	}
}
