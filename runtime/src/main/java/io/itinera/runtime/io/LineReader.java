package io.itinera.runtime.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads UTF-8 lines and knows the byte position after each one, so a restart can seek straight
 * back to where the last checkpoint left off. Line ends are \n or \r\n.
 */
final class LineReader implements AutoCloseable {
	private final InputStream in;
	private byte[] buffer = new byte[1 << 16];
	private int start;
	private int end;
	private long positionOfStart;
	private boolean eof;

	LineReader(InputStream in, long startPosition) {
		this.in = in;
		this.positionOfStart = startPosition;
	}

	/** The byte position just after the last line returned. */
	long position() {
		return positionOfStart;
	}

	/** The next line without its line end, or null at the end of the input. */
	String next() throws IOException {
		int scanFrom = start;
		while (true) {
			for (int i = scanFrom; i < end; i++) {
				if (buffer[i] == '\n') {
					int lineEnd = i > start && buffer[i - 1] == '\r' ? i - 1 : i;
					String line = new String(buffer, start, lineEnd - start, StandardCharsets.UTF_8);
					positionOfStart += i + 1 - start;
					start = i + 1;
					return line;
				}
			}
			scanFrom = end;
			if (eof) {
				if (start == end) {
					return null;
				}
				int lineEnd = end > start && buffer[end - 1] == '\r' ? end - 1 : end;
				String line = new String(buffer, start, lineEnd - start, StandardCharsets.UTF_8);
				positionOfStart += end - start;
				start = end;
				return line;
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

	@Override
	public void close() throws IOException {
		in.close();
	}
}
