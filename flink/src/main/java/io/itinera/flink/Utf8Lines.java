package io.itinera.flink;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The lines of a UTF-8 stream as {@code BufferedReader.readLine} over an {@code InputStreamReader}
 * gives them (a line ends at \n, \r or \r\n; bytes that are not UTF-8 become U+FFFD), but each made
 * from its bytes at once: an ASCII line becomes a string without a char array in between, which is
 * most of what reading a log costs past its parse.
 */
final class Utf8Lines implements Closeable {
	private final InputStream in;
	private byte[] buffer = new byte[1 << 16];
	private int start;
	private int end;
	private boolean eof;
	/** The last line ended at a \r: a \n right after it belongs to that end. */
	private boolean skipLineFeed;

	Utf8Lines(InputStream in) {
		this.in = in;
	}

	/** The next line without its end, or null at the end of the stream. */
	String next() throws IOException {
		int i = start;
		while (true) {
			if (i == end) {
				if (eof) {
					if (start == end) {
						return null;
					}
					String line = text(start, end);
					start = end;
					return line;
				}
				i = fill(i);
				continue;
			}
			byte b = buffer[i];
			if (skipLineFeed) {
				skipLineFeed = false;
				if (b == '\n') {
					start = ++i;
					continue;
				}
			}
			if (b == '\n' || b == '\r') {
				String line = text(start, i);
				start = i + 1;
				skipLineFeed = b == '\r';
				return line;
			}
			i++;
		}
	}

	private String text(int from, int to) {
		return new String(buffer, from, to - from, StandardCharsets.UTF_8);
	}

	/** Moves the unread bytes to the front, grows the buffer when a line fills it, reads more; returns {@code i} moved along. */
	private int fill(int i) throws IOException {
		if (start > 0) {
			System.arraycopy(buffer, start, buffer, 0, end - start);
			i -= start;
			end -= start;
			start = 0;
		}
		if (end == buffer.length) {
			buffer = Arrays.copyOf(buffer, buffer.length * 2);
		}
		int read = in.read(buffer, end, buffer.length - end);
		if (read < 0) {
			eof = true;
		} else {
			end += read;
		}
		return i;
	}

	@Override
	public void close() throws IOException {
		in.close();
	}
}
