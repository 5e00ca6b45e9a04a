package io.itinera.serve.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The input log in segments: positions run on across them, old ones go, a restart finds them all. */
class InputLogSegmentsTest {
	@TempDir
	Path dir;

	private static byte[] line(int i) {
		return ("{\"customer\":\"c" + i + "\",\"n\":" + i + "}\n").getBytes(StandardCharsets.UTF_8);
	}

	@Test
	void segmentsRollAreReadAcrossAndGoOnceBehindTheCheckpoint() throws Exception {
		long length;
		try (InputLog log = new InputLog(dir, 100)) {
			for (int i = 0; i < 30; i++) {
				log.append(line(i));
			}
			length = log.durableLength();
			assertTrue(log.segmentCount() > 3, "segments: " + log.segmentCount());
			assertEquals(readAll(log, 0, length), String.join("", java.util.stream.IntStream.range(0, 30)
					.mapToObj(i -> new String(line(i), StandardCharsets.UTF_8)).toList()));

			long segments = log.segmentCount();
			long middle = length / 2;
			assertEquals(0, log.removeBefore(middle, 0, null), "none written before the epoch");
			long removed = log.removeBefore(middle, Long.MAX_VALUE, null);
			assertTrue(removed > 0 && log.firstPosition() == removed && log.firstPosition() <= middle, "removed " + removed);
			assertTrue(log.segmentCount() < segments);
			assertEquals(length - removed, log.keptBytes());
			IOException gone = assertThrows(IOException.class, () -> log.read(ByteBuffer.allocate(10), 0));
			assertTrue(gone.getMessage().contains("--keep-input"), gone.getMessage());
			assertTrue(readAll(log, log.firstPosition(), length).endsWith(new String(line(29), StandardCharsets.UTF_8)));
		}
		try (InputLog again = new InputLog(dir, 100)) {
			assertEquals(length, again.durableLength());
			again.append(line(30));
			assertTrue(readAll(again, again.firstPosition(), again.durableLength()).endsWith(new String(line(30), StandardCharsets.UTF_8)));
		}
	}

	@Test
	void aLogWrittenBeforeSegmentsIsItsFirstSegmentAndAHalfLineIsDropped() throws Exception {
		Files.writeString(dir.resolve(InputLog.LEGACY_FILE), "{\"a\":1}\n{\"a\":2}\n{\"a\":");
		try (InputLog log = new InputLog(dir, 10)) {
			assertEquals(16, log.durableLength());
			log.append("{\"a\":3}\n".getBytes(StandardCharsets.UTF_8));
			assertEquals("{\"a\":1}\n{\"a\":2}\n{\"a\":3}\n", readAll(log, 0, log.durableLength()));
			assertEquals(2, InputLog.files(dir).size());
			Path archive = dir.resolve("archive");
			log.append("{\"a\":4}\n".getBytes(StandardCharsets.UTF_8));
			assertTrue(log.removeBefore(log.durableLength(), Long.MAX_VALUE, archive) > 0);
			assertTrue(Files.list(archive).findAny().isPresent(), "moved to the archive");
			assertEquals(List.of(), Files.exists(dir.resolve(InputLog.LEGACY_FILE)) ? List.of("still there") : List.of());
		}
	}

	private static String readAll(InputLog log, long from, long to) throws IOException {
		StringBuilder text = new StringBuilder();
		long position = from;
		while (position < to) {
			ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(64, to - position));
			int read = log.read(buffer, position);
			assertTrue(read > 0, "nothing read at " + position);
			text.append(new String(buffer.array(), 0, read, StandardCharsets.UTF_8));
			position += read;
		}
		return text.toString();
	}
}
