package io.itinera.runtime.erasure;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Blanks the lines of erased customers in a file that others keep appending to (a live server's input
 * log, its output and rejected lines): each such line is overwritten with spaces, its end of line kept,
 * so every offset stays valid (a checkpoint's input position, a run's saved output lengths, a reader's
 * place) and readers skip it as a blank line. Only complete lines before {@code upTo} are touched; the
 * caller makes sure nobody reads or writes those lines meanwhile (they lie behind every reader).
 */
public final class InPlaceErasure {
	private static final int CHUNK = 1 << 20;

	private InPlaceErasure() {
	}

	/** @return how many lines were blanked; a missing file has none */
	public static long blank(Path file, long upTo, CustomerLines lines) throws IOException {
		if (!Files.isRegularFile(file)) {
			return 0;
		}
		long blanked = 0;
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
			long end = Math.min(upTo, channel.size());
			ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
			long bufferStart = 0;
			while (bufferStart < end) {
				buffer.clear();
				int length = (int) Math.min(CHUNK, end - bufferStart);
				buffer.limit(length);
				while (buffer.hasRemaining() && channel.read(buffer, bufferStart + buffer.position()) > 0) {
					// fill the window
				}
				int filled = buffer.position();
				byte[] bytes = buffer.array();
				int start = 0;
				for (int i = 0; i < filled; i++) {
					if (bytes[i] == '\n') {
						if (lines.mentions(new String(bytes, start, i - start, StandardCharsets.UTF_8))) {
							overwriteWithSpaces(channel, bufferStart + start, i - start);
							blanked++;
						}
						start = i + 1;
					}
				}
				if (filled < length || bufferStart + filled >= end) {
					break; // what is left is an incomplete line
				}
				if (start == 0) {
					throw new IOException("a line of " + file + " is longer than " + CHUNK + " bytes");
				}
				bufferStart += start;
			}
			if (blanked > 0) {
				channel.force(false);
			}
		}
		return blanked;
	}

	private static void overwriteWithSpaces(FileChannel channel, long at, int length) throws IOException {
		ByteBuffer spaces = ByteBuffer.allocate(length);
		java.util.Arrays.fill(spaces.array(), (byte) ' ');
		long position = at;
		while (spaces.hasRemaining()) {
			position += channel.write(spaces, position);
		}
	}
}
