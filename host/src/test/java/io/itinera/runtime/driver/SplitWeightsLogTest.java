package io.itinera.runtime.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** split-weights.jsonl as a host writes it: line by line; a fresh run starts it empty, a resumed one keeps the checkpoint's lines. */
class SplitWeightsLogTest {
	@TempDir
	Path dir;

	@Test
	void aFreshRunStartsTheFileAndEachLineIsThereAtOnce() throws Exception {
		Path file = Files.writeString(dir.resolve(SplitEpochs.FILE), "an earlier run's line\n");
		try (SplitWeightsLog log = new SplitWeightsLog(file)) {
			log.accept("one");
			assertEquals(List.of("one"), Files.readAllLines(file), "flushed, the earlier run's line gone");
			log.accept("two");
		}
		assertEquals(List.of("one", "two"), Files.readAllLines(file));
		try (SplitWeightsLog none = new SplitWeightsLog(dir.resolve("empty").resolve(SplitEpochs.FILE))) {
			// a run that crossed no epoch still leaves the file
		}
		assertEquals(List.of(), Files.readAllLines(dir.resolve("empty").resolve(SplitEpochs.FILE)));
	}

	@Test
	void aResumedRunKeepsTheCheckpointsLinesAndWritesTheRestAgain() throws Exception {
		Path file = Files.write(dir.resolve(SplitEpochs.FILE), List.of("a", "b", "c after the checkpoint"));
		try (SplitWeightsLog log = new SplitWeightsLog(file)) {
			log.keepFirst(2);
			log.accept("c");
		}
		assertEquals(List.of("a", "b", "c"), Files.readAllLines(file));
		try (SplitWeightsLog log = new SplitWeightsLog(file)) {
			assertThrows(IllegalStateException.class, () -> log.keepFirst(5), "fewer lines than the checkpoint wrote");
		}
	}
}
