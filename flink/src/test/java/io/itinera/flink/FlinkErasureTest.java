package io.itinera.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job's erasure path on a MiniCluster at parallelism 2: an id dropped into the erasure folder while
 * the job runs takes the customer out of Flink state (slot and wake-up timer: a savepoint taken after
 * holds no byte of their id, while it holds the other customer's), their pending reminder never fires,
 * and their next event is dropped: the job writes nothing more about them. A customer who bought before
 * being erased left an older wake-up behind (their cart's hour, no longer due): a savepoint taken before
 * that hour holds no byte of their id either.
 */
class FlinkErasureTest {
	private static final String ERASED = "erase-me-4711";
	private static final String KEPT = "keep-me-0815";
	private static final String BOUGHT = "erase-me-too-0042";

	@RegisterExtension
	static final MiniClusterExtension CLUSTER = FlinkFixtures.miniCluster();

	@TempDir
	Path dir;

	@Test
	void anErasureRequestTakesTheCustomerOutOfFlinkStateAndKeepsThemOut() throws Exception {
		Path input = Files.createDirectories(dir.resolve("input"));
		Path erasures = Files.createDirectories(dir.resolve("erasures"));
		Path out = dir.resolve("flink");
		JobSettings settings = FlinkFixtures.settings().withMapping(FlinkFixtures.MAPPING);
		StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(FlinkFixtures.jobConfiguration());
		env.setParallelism(2);
		JourneyJob.build(env, settings, JourneyJob.Input.watching(input.toString()), JourneyJob.Output.directory(out.toString()),
				ErasureRequests.watching(erasures.toString()));
		JobClient job = env.executeAsync("erasure");

		// the clock's view moves the watermark past the carts (events wait there for the lateness)
		arrive(List.of(cartAdd(ERASED, "2026-03-01T10:00:00Z"), cartAdd(KEPT, "2026-03-01T10:00:00Z"),
				cartAdd(BOUGHT, "2026-03-01T10:00:00Z"), clock("2026-03-01T10:02:00Z")), input.resolve("1.jsonl"));
		waitFor(() -> stageChanges(out, ERASED) == 1 && stageChanges(out, KEPT) == 1 && stageChanges(out, BOUGHT) == 1);
		// a wake-up for BOUGHT's cart hour (11:00) is registered; their purchase then leaves it behind
		arrive(List.of(purchase(BOUGHT, "2026-03-01T10:03:00Z"), clock("2026-03-01T10:05:00Z")), input.resolve("1b.jsonl"));
		waitFor(() -> stageChanges(out, BOUGHT) == 2);

		arrive(List.of("# erasure requests", ERASED, BOUGHT), erasures.resolve("requests-1.txt"));
		Thread.sleep(3_000); // the folder is watched every 200 ms; the request reaches the operator at once
		Path early = Path.of(java.net.URI.create(fileUri(job.triggerSavepoint(dir.resolve("early").toUri().toString(),
				SavepointFormatType.CANONICAL).get())));
		assertTrue(contains(early, KEPT), "the savepoint holds customers' state");
		assertFalse(contains(early, ERASED), "no wake-up timer names the erased customer");
		assertFalse(contains(early, BOUGHT), "nor the older wake-up of the one who bought before the erasure");

		// their next event, and time moving on past both carts' hour: only the kept customer's cart is abandoned
		arrive(List.of(cartAdd(ERASED, "2026-03-01T10:05:00Z"), clock("2026-03-01T12:00:00Z")), input.resolve("2.jsonl"));
		waitFor(() -> stageChanges(out, KEPT) == 2);
		Path savepoints = dir.resolve("savepoints");
		String savepoint = job.stopWithSavepoint(false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL).get();

		assertEquals(1, stageChanges(out, ERASED), "nothing after the erasure: " + FlinkFixtures.sortedLines(out, OutputRecord.STAGE_CHANGE));
		assertTrue(FlinkFixtures.sortedLines(out, OutputRecord.ACTION).stream().noneMatch(line -> line.contains(ERASED)));
		Path savepointFolder = Path.of(java.net.URI.create(fileUri(savepoint)));
		assertTrue(contains(savepointFolder, KEPT), "the savepoint holds customers' state");
		assertFalse(contains(savepointFolder, ERASED), "no key or value of the savepoint names the erased customer");
		assertFalse(contains(savepointFolder, BOUGHT));
	}

	private static String fileUri(String savepoint) {
		return savepoint.startsWith("file:") ? savepoint : "file:" + savepoint;
	}

	private static String purchase(String customer, String time) {
		return "{\"customer\":\"" + customer + "\",\"time\":\"" + time + "\",\"type\":\"purchase\",\"orderId\":\"o1\",\"amount\":50}";
	}

	private static String cartAdd(String customer, String time) {
		return "{\"customer\":\"" + customer + "\",\"time\":\"" + time + "\",\"type\":\"cart_add\",\"productId\":\"p1\",\"price\":50}";
	}

	private static String clock(String time) {
		return "{\"customer\":\"zz-clock\",\"time\":\"" + time + "\",\"type\":\"product_view\",\"productId\":\"p1\","
				+ "\"category\":\"toys\",\"price\":5}";
	}

	private static long stageChanges(Path out, String customer) throws Exception {
		return FlinkFixtures.sortedLines(out, OutputRecord.STAGE_CHANGE).stream().filter(line -> line.contains("\"" + customer + "\""))
				.count();
	}

	private static boolean contains(Path folder, String text) throws Exception {
		byte[] needle = text.getBytes(StandardCharsets.UTF_8);
		List<Path> files = new ArrayList<>();
		try (Stream<Path> all = Files.walk(folder)) {
			all.filter(Files::isRegularFile).forEach(files::add);
		}
		for (Path file : files) {
			byte[] bytes = Files.readAllBytes(file);
			outer:
			for (int i = 0; i + needle.length <= bytes.length; i++) {
				for (int j = 0; j < needle.length; j++) {
					if (bytes[i + j] != needle[j]) {
						continue outer;
					}
				}
				return true;
			}
		}
		return false;
	}

	/** A file appears whole in the watched folder. */
	private void arrive(List<String> lines, Path target) throws Exception {
		Path staged = dir.resolve("staged-" + target.getFileName());
		Files.write(staged, lines);
		Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
	}

	private interface Check {
		boolean holds() throws Exception;
	}

	private static void waitFor(Check check) throws Exception {
		long deadline = System.nanoTime() + 90_000_000_000L;
		while (!check.holds()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("timed out waiting for the job's output");
			}
			Thread.sleep(100);
		}
	}
}
