package io.itinera.runtime.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads UTF-8 lines and knows the byte position after each one, so a restart can seek straight
 * back to where the last checkpoint left off.
 *
 * <p>Line ends are \n or \r\n; a lone \r is a line end too in a file whose first line end is a lone
 * \r (old Mac exports): the first line end this reader meets decides, so a stray \r inside a line
 * of an ordinary file stays part of that line. A byte-order mark at the very start of the file is
 * dropped. A line that is not valid UTF-8, or longer than {@link #maxLineBytes}, is still returned
 * (decoded leniently, or cut) and flagged with {@link #problem()}, so the caller can dead-letter it
 * without ever merging it with a good line.
 */
final class LineReader implements AutoCloseable {
	/** Lines longer than this (bytes) are cut and flagged; the reader never holds more than this of one line. */
	static final int DEFAULT_MAX_LINE_BYTES = ReadOptions.MAX_LINE_BYTES;

	private final InputStream in;
	private final int maxLineBytes;
	private byte[] buffer = new byte[1 << 16];
	private int start;
	private int end;
	private long positionOfStart;
	private final boolean atFileStart;
	private boolean eof;
	/** 0: not known yet, 1: \n or \r\n, 2: lone \r. */
	private int lineEnds;
	private String problem;

	LineReader(InputStream in, long startPosition) {
		this(in, startPosition, DEFAULT_MAX_LINE_BYTES, 0);
	}

	LineReader(InputStream in, long startPosition, int maxLineBytes, int lineEnds) {
		this.in = in;
		this.positionOfStart = startPosition;
		this.atFileStart = startPosition == 0;
		this.maxLineBytes = maxLineBytes;
		this.lineEnds = lineEnds;
	}

	/** The byte position just after the last line returned. */
	long position() {
		return positionOfStart;
	}

	/** Whether lone \r are line ends (known once a line end was seen). */
	int lineEnds() {
		return lineEnds;
	}

	/** Why the last line returned cannot be trusted (invalid UTF-8, too long), or null when it is fine. */
	String problem() {
		return problem;
	}

	/** The next line without its line end, or null at the end of the input. */
	String next() throws IOException {
		problem = null;
		int scanFrom = start;
		long dropped = 0;
		while (true) {
			int i = scanFrom;
			for (; i < end; i++) {
				byte b = buffer[i];
				if (b == '\n') {
					if (lineEnds == 0) {
						lineEnds = 1;
					}
					int lineEnd = i > start && buffer[i - 1] == '\r' ? i - 1 : i;
					return take(lineEnd, i + 1, dropped);
				}
				if (b == '\r' && lineEnds != 1) {
					if (i + 1 >= end && !eof) {
						break; // is a \n next? read on, then look at this \r again
					}
					if (i + 1 < end && buffer[i + 1] == '\n') {
						if (lineEnds == 0) {
							lineEnds = 1;
						}
						continue; // \r\n: the \n ends the line
					}
					lineEnds = 2;
					return take(i, i + 1, dropped);
				}
			}
			if (eof) {
				if (start == end) {
					return null;
				}
				int lineEnd = end > start && buffer[end - 1] == '\r' ? end - 1 : end;
				return take(lineEnd, end, dropped);
			}
			scanFrom = i;
			if (scanFrom - start > maxLineBytes) {
				// keep the first maxLineBytes of the line; the rest (no line end in it) is counted and dropped
				int keep = start + maxLineBytes;
				System.arraycopy(buffer, scanFrom, buffer, keep, end - scanFrom);
				dropped += scanFrom - keep;
				end -= scanFrom - keep;
				scanFrom = keep;
			}
			if (start > 0) {
				System.arraycopy(buffer, start, buffer, 0, end - start);
				scanFrom -= start;
				end -= start;
				start = 0;
			}
			if (end == buffer.length) {
				byte[] bigger = new byte[buffer.length * 2];
				System.arraycopy(buffer, 0, bigger, 0, end);
				buffer = bigger;
			}
			int read = in.read(buffer, end, buffer.length - end);
			if (read < 0) {
				eof = true;
			} else {
				end += read;
			}
		}
	}

	private String take(int lineEnd, int next, long dropped) {
		int from = start;
		if (atFileStart && positionOfStart == 0 && lineEnd - from >= 3 && (buffer[from] & 0xff) == 0xEF
				&& (buffer[from + 1] & 0xff) == 0xBB && (buffer[from + 2] & 0xff) == 0xBF) {
			from += 3; // a UTF-8 byte-order mark
		}
		long length = lineEnd - start + dropped;
		int kept = Math.min(lineEnd - from, maxLineBytes);
		String line = new String(buffer, from, kept, StandardCharsets.UTF_8);
		if (line.indexOf('\uFFFD') >= 0) {
			int bad = firstInvalidByte(buffer, from, from + kept);
			if (bad >= 0) {
				problem = "invalid UTF-8 at byte " + (bad + 1) + " of the line (the log must be UTF-8)";
			}
		}
		if (length > maxLineBytes) {
			problem = "line longer than " + maxLineBytes + " bytes (" + length + " bytes)";
		}
		positionOfStart += next - start + dropped;
		start = next;
		return line;
	}

	/**
	 * How the file's lines end, from its first line end (within its first MiB): 1 for \n or \r\n, 2
	 * for a lone \r, 0 when none was found. Leaves the channel at position 0.
	 */
	static int detectLineEnds(FileChannel channel) throws IOException {
		ByteBuffer head = ByteBuffer.allocate((int) Math.min(channel.size(), DEFAULT_MAX_LINE_BYTES + 1L));
		channel.position(0);
		while (head.hasRemaining() && channel.read(head) >= 0) {
			// fill
		}
		channel.position(0);
		for (int i = 0; i < head.position(); i++) {
			if (head.get(i) == '\n') {
				return 1;
			}
			if (head.get(i) == '\r') {
				return i + 1 < head.position() && head.get(i + 1) == '\n' ? 1 : 2;
			}
		}
		return 0;
	}

	/** The offset (from {@code from}) of the first byte that is not valid UTF-8, or -1 when all are valid. */
	static int firstInvalidByte(byte[] bytes, int from, int to) {
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT);
		ByteBuffer in = ByteBuffer.wrap(bytes, from, to - from);
		CoderResult result = decoder.decode(in, CharBuffer.allocate(to - from + 1), true);
		return result.isError() ? in.position() - from : -1;
	}

	@Override
	public void close() throws IOException {
		in.close();
	}
}
