package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.state.RocksDbStateStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code itinera forget} on a run's state and output: afterwards no file of the state directory (read
 * as raw bytes: tables, logs, manifest) nor of the output holds the erased id, the run goes on without
 * them (their next event dropped and counted), {@code explain} says only that they were erased, and the
 * other customers are as they were.
 */
class ForgetCommandTest {
	/** The erased customer has a pending timer (abandonment) and actions; the other customer stays. */
	private static final String FIRST = """
			customer,time,type,productId,price
			erase-me-4711,2026-03-01T10:00:00Z,cart_add,p1,10
			keep-me-0815,2026-03-01T10:05:00Z,cart_add,p2,20
			erase-me-4711,2026-03-01T12:00:00Z,product_view,p1,10
			keep-me-0815,2026-03-01T12:00:00Z,product_view,p2,20
			""";
	private static final String LATER = """
			erase-me-4711,2026-03-01T13:00:00Z,cart_add,p3,30
			keep-me-0815,2026-03-01T13:00:00Z,cart_add,p4,40
			""";
	private static final String ERASED = "erase-me-4711";

	@TempDir
	Path dir;

	private static String journey() throws Exception {
		return Path.of(ForgetCommandTest.class.getResource("/restart.journey").toURI()).toString();
	}

	@Test
	void aCustomerErasedFromARunsStateAndOutputIsGoneAndStaysGone() throws Exception {
		Path log = Files.writeString(dir.resolve("events.csv"), FIRST);
		Path out = dir.resolve("run");
		Path state = out.resolve("state");
		InProcessCli.succeeding("run", journey(), "--events", log.toString(), "--out", out.toString(), "--no-progress", "--workers", "2");
		assertTrue(containsBytes(state, ERASED), "the run stored the customer");
		assertTrue(Files.readString(out.resolve("actions.jsonl")).contains(ERASED), "the run wrote their reminder");

		String forgot = InProcessCli.succeeding("forget", "--state", state.toString(), "--out", out.toString(), ERASED);
		assertTrue(forgot.contains("Erased 1 customer"), forgot);

		List<Path> holding = filesContaining(state, ERASED);
		assertEquals(List.of(), holding, "no key or value of the state names the erased customer");
		assertEquals(List.of(), filesContaining(out, ERASED), "no output line names the erased customer");
		assertTrue(Files.readString(out.resolve("actions.jsonl")).contains("keep-me-0815"), "the other customer's lines stay");
		try (RocksDbStateStore store = new RocksDbStateStore(state)) {
			assertEquals(null, store.load(ERASED));
			assertTrue(store.load("keep-me-0815") != null);
			assertTrue(store.erasedCustomers().contains(ERASED));
		}

		InProcessCli.Result explained = InProcessCli.execute("explain", ERASED, "--state", state.toString());
		assertEquals(0, explained.exit(), explained.err());
		assertTrue(explained.out().startsWith("Customer " + ERASED + " was erased on "), explained.out());
		assertEquals(1, explained.out().strip().lines().count(), "nothing more: " + explained.out());

		// the log goes on: the erased customer's next event is dropped and counted, the other's is applied
		Files.writeString(log, FIRST + LATER, StandardCharsets.UTF_8);
		String resumed = InProcessCli.succeeding("run", journey(), "--events", log.toString(), "--out", out.toString(), "--no-progress",
				"--workers", "2");
		assertTrue(resumed.contains("erased         1 events of erased customers dropped"), resumed);
		assertEquals(List.of(), filesContaining(out, ERASED), "the resumed run wrote nothing about them");
		try (RocksDbStateStore store = new RocksDbStateStore(state)) {
			assertEquals(null, store.load(ERASED), "their event did not bring them back");
		}
		assertFalse(Files.readString(out.resolve("stage-changes.jsonl")).isEmpty());
	}

	@Test
	void idsComeFromAFileAndSomethingToEraseFromIsRequired() throws Exception {
		Path ids = Files.writeString(dir.resolve("ids.txt"), "# erasure requests\nx-1\n\nx-2\n");
		InProcessCli.Result nowhere = InProcessCli.execute("forget", "--ids", ids.toString());
		assertEquals(2, nowhere.exit());
		assertTrue(nowhere.err().contains("--state DIR"), nowhere.err());
		Path out = Files.createDirectories(dir.resolve("out"));
		Files.writeString(out.resolve("actions.jsonl"), "{\"customer\":\"x-1\"}\n{\"customer\":\"x-3\"}\n{\"customer\":\"x-2\"}\n");
		Files.writeString(out.resolve("dead-letters.jsonl"), "{\"line\":4,\"reason\":\"bad time\",\"raw\":\"x-2,yesterday,visit\"}\n");
		String done = InProcessCli.succeeding("forget", "--out", out.toString(), "--ids", ids.toString());
		assertTrue(done.contains("3 lines removed from 2 files"), done);
		assertEquals("{\"customer\":\"x-3\"}\n", Files.readString(out.resolve("actions.jsonl")));
		assertEquals("", Files.readString(out.resolve("dead-letters.jsonl")));
	}

	static boolean containsBytes(Path folder, String text) throws IOException {
		return !filesContaining(folder, text).isEmpty();
	}

	/** Every file under the folder whose raw bytes hold the text (uncompressed: ids are short, LZ4 keeps them as literals). */
	static List<Path> filesContaining(Path folder, String text) throws IOException {
		byte[] needle = text.getBytes(StandardCharsets.UTF_8);
		List<Path> found = new ArrayList<>();
		try (Stream<Path> files = Files.walk(folder)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				byte[] bytes = Files.readAllBytes(file);
				if (indexOf(bytes, needle) >= 0) {
					found.add(file);
				}
			}
		}
		return found;
	}

	private static int indexOf(byte[] haystack, byte[] needle) {
		outer:
		for (int i = 0; i + needle.length <= haystack.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}
}
