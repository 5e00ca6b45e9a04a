package io.itinera.serve.intake;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The write-ahead input log: accepted events as JSON Lines, appended and fsync'd before a request
 * is answered. One writer thread takes every batch waiting at the time and syncs them together
 * (group commit), so many small requests share one fsync. Readers see only synced bytes
 * ({@link #durableLength()}), so the engine never processes an event that was not acknowledged-able.
 *
 * <p>The log is written in segments, {@code input/<first byte>.jsonl}, a new one when the last
 * passes the segment size (between batches: a line never spans two); positions run on across them.
 * A state written before segments holds {@code input.jsonl}, read as the first segment.
 * {@link #removeBefore} deletes or archives the segments wholly before a position (the last checkpoint).
 */
public final class InputLog implements AutoCloseable {
	public static final String FOLDER = "input";
	public static final String LEGACY_FILE = "input.jsonl";

	private final Path folder;
	private final long segmentBytes;
	private final ConcurrentSkipListMap<Long, Segment> segments = new ConcurrentSkipListMap<>();
	private volatile Segment head;
	private final LinkedBlockingQueue<PendingAppend> waiting = new LinkedBlockingQueue<>();
	private final Thread writer;
	private final Object grown = new Object();
	/** Held while segments are removed or archived, and while an erasure rewrites them. */
	private final Object segmentMoves = new Object();
	private volatile long durableLength;
	private volatile boolean closed;

	private record PendingAppend(ByteBuffer bytes, CompletableFuture<Void> done) {
	}

	/** A segment: its first byte's position in the log, its file, its channel. */
	private record Segment(long start, Path file, FileChannel channel) {
	}

	/** @param segmentBytes the size past which the next batch starts a new segment */
	public InputLog(Path stateDirectory, long segmentBytes) throws IOException {
		this.folder = stateDirectory.resolve(FOLDER);
		this.segmentBytes = segmentBytes;
		Files.createDirectories(folder);
		for (Path file : files(stateDirectory)) {
			long start = file.getFileName().toString().equals(LEGACY_FILE) ? 0 : startOf(file);
			segments.put(start, new Segment(start, file, FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)));
		}
		if (segments.isEmpty()) {
			segments.put(0L, open(0));
		}
		head = segments.lastEntry().getValue();
		long complete = completeLinesLength(head.channel());
		// A killed server may have left half a batch it never acknowledged: drop it.
		head.channel().truncate(complete);
		head.channel().position(complete);
		durableLength = head.start() + complete;
		writer = new Thread(this::writeLoop, "itinera-input-log");
		writer.setDaemon(true);
		writer.start();
	}

	/** The log's files in order: a pre-segment {@code input.jsonl}, then the segments. */
	public static List<Path> files(Path stateDirectory) throws IOException {
		List<Path> files = new ArrayList<>();
		Path legacy = stateDirectory.resolve(LEGACY_FILE);
		if (Files.isRegularFile(legacy)) {
			files.add(legacy);
		}
		Path folder = stateDirectory.resolve(FOLDER);
		if (Files.isDirectory(folder)) {
			try (Stream<Path> listed = Files.list(folder)) {
				listed.filter(file -> file.getFileName().toString().matches("\\d{20}\\.jsonl")).sorted().forEach(files::add);
			}
		}
		return files;
	}

	private static long startOf(Path segment) {
		String name = segment.getFileName().toString();
		return Long.parseLong(name.substring(0, name.length() - ".jsonl".length()));
	}

	private Segment open(long start) throws IOException {
		Path file = folder.resolve(String.format(Locale.ROOT, "%020d.jsonl", start));
		FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
		return new Segment(start, file, channel);
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
			if (durableLength - head.start() >= segmentBytes) {
				Segment next = open(durableLength);
				segments.put(next.start(), next);
				head = next;
			}
			FileChannel channel = head.channel();
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

	/**
	 * Reads synced bytes at {@code position} (for the tailing reader), up to the end of the segment
	 * that holds it.
	 *
	 * @throws IOException when the segment was removed ({@link #removeBefore})
	 */
	int read(ByteBuffer into, long position) throws IOException {
		Map.Entry<Long, Segment> segment = segments.floorEntry(position);
		if (segment == null || position < firstPosition()) {
			throw new IOException("the input log before byte " + firstPosition() + " was removed (--keep-input); byte "
					+ position + " is not kept");
		}
		return segment.getValue().channel().read(into, position - segment.getKey());
	}

	/** The files of the segments kept, in order. */
	public List<Path> segmentFiles() {
		return segments.values().stream().map(Segment::file).toList();
	}

	/** The position of the first byte kept (0 until segments are removed). */
	public long firstPosition() {
		Map.Entry<Long, Segment> first = segments.firstEntry();
		return first == null ? durableLength : first.getKey();
	}

	/** Bytes kept on disk: from {@link #firstPosition()} to the end. */
	public long keptBytes() {
		return durableLength - firstPosition();
	}

	/** How many segment files there are. */
	public int segmentCount() {
		return segments.size();
	}

	/**
	 * Removes the segments that end at or before {@code position} and were last written before
	 * {@code writtenBefore} (epoch millis): moved to {@code archive} when given, else deleted. The
	 * segment being written stays.
	 *
	 * @return the bytes removed from the log's folder
	 */
	public long removeBefore(long position, long writtenBefore, Path archive) throws IOException {
		synchronized (segmentMoves) {
			return removeSegmentsBefore(position, writtenBefore, archive);
		}
	}

	/** Runs {@code task} while no segment is being removed or archived: the segment files, and the archive's, stay put. */
	public void whileNoSegmentMoves(SegmentTask task) throws IOException {
		synchronized (segmentMoves) {
			task.run();
		}
	}

	/** Work on the segment files. */
	@FunctionalInterface
	public interface SegmentTask {
		void run() throws IOException;
	}

	private long removeSegmentsBefore(long position, long writtenBefore, Path archive) throws IOException {
		long removed = 0;
		for (Map.Entry<Long, Segment> entry : segments.entrySet()) {
			Segment segment = entry.getValue();
			Long next = segments.higherKey(entry.getKey());
			if (segment == head || next == null || next > position
					|| Files.getLastModifiedTime(segment.file()).toMillis() >= writtenBefore) {
				break;
			}
			segments.remove(entry.getKey());
			segment.channel().close();
			long bytes = next - segment.start();
			if (archive != null) {
				Files.createDirectories(archive);
				Files.move(segment.file(), archive.resolve(String.format(Locale.ROOT, "%020d.jsonl", segment.start())),
						StandardCopyOption.REPLACE_EXISTING);
			} else {
				Files.delete(segment.file());
			}
			removed += bytes;
		}
		return removed;
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
		for (Segment segment : segments.values()) {
			segment.channel().close();
		}
	}

}
