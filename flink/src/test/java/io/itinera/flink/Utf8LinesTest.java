package io.itinera.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Utf8Lines} gives the lines {@code BufferedReader.readLine} gives, whatever the bytes and however they arrive. */
class Utf8LinesTest {
	private static final byte[][] PIECES = { "\n".getBytes(StandardCharsets.UTF_8), "\r".getBytes(StandardCharsets.UTF_8),
			"\r\n".getBytes(StandardCharsets.UTF_8), "{\"customer\":\"c1\"}".getBytes(StandardCharsets.UTF_8),
			"ß日🛒".getBytes(StandardCharsets.UTF_8), { (byte) 0xC3 }, { (byte) 0xF0, (byte) 0x9F, (byte) 0x9B }, { (byte) 0xFF, (byte) 0xFE }, { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF },
			"x".repeat(70_000).getBytes(StandardCharsets.UTF_8) };

	@Test
	void theLinesOfBufferedReaderForRandomBytesInRandomChunks() throws IOException {
		Random random = new Random(27);
		for (int round = 0; round < 300; round++) {
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			int pieces = random.nextInt(40);
			for (int i = 0; i < pieces; i++) {
				byte[] piece = PIECES[random.nextInt(PIECES.length - (random.nextInt(20) == 0 ? 0 : 1))];
				bytes.write(piece);
			}
			byte[] log = bytes.toByteArray();
			assertEquals(bufferedReaderLines(log), lines(new Chunked(log, random)), "round " + round);
		}
	}

	@Test
	void anEmptyStreamHasNoLinesAndAFinalLineNeedsNoEnd() throws IOException {
		assertEquals(List.of(), lines(new ByteArrayInputStream(new byte[0])));
		assertEquals(List.of("a", "", "b"), lines(new ByteArrayInputStream("a\n\r\nb".getBytes(StandardCharsets.UTF_8))));
	}

	private static List<String> lines(InputStream in) throws IOException {
		List<String> lines = new ArrayList<>();
		try (Utf8Lines reader = new Utf8Lines(in)) {
			String line;
			while ((line = reader.next()) != null) {
				lines.add(line);
			}
		}
		return lines;
	}

	private static List<String> bufferedReaderLines(byte[] log) throws IOException {
		List<String> lines = new ArrayList<>();
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(log), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				lines.add(line);
			}
		}
		return lines;
	}

	/** A stream that hands out its bytes a few at a time, as a file system or network may. */
	private static final class Chunked extends InputStream {
		private final byte[] bytes;
		private final Random random;
		private int at;

		Chunked(byte[] bytes, Random random) {
			this.bytes = bytes;
			this.random = random;
		}

		@Override
		public int read() {
			return at < bytes.length ? bytes[at++] & 0xff : -1;
		}

		@Override
		public int read(byte[] into, int offset, int length) {
			if (at >= bytes.length) {
				return -1;
			}
			int n = Math.min(Math.min(length, 1 + random.nextInt(random.nextBoolean() ? 3 : 100_000)), bytes.length - at);
			System.arraycopy(bytes, at, into, offset, n);
			at += n;
			return n;
		}
	}
}
