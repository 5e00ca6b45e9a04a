package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.driver.CustomerSlice;
import io.itinera.runtime.driver.SlotCodec;
import io.itinera.runtime.io.SyntheticEventLog;
import io.itinera.runtime.plan.PlanJson;
import io.itinera.runtime.state.RocksDbStateStore;
import io.itinera.runtime.state.RunProgress;
import io.itinera.runtime.step.CustomerState;
import java.io.IOException;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code itinera migrate --state DIR NEW} process killed (SIGKILL) at seeded random points
 * around its migration: the state must be wholly of the old version or wholly of the new one — every
 * customer's bytes (stage, timers, features, version), the pending index, the totals and the plan —
 * and running migrate again must finish it, to the very state an unkilled migrate leaves.
 */
class KilledMigrationTest {
	private static final Pattern WRITE_TIME = Pattern.compile("one atomic write, ([\\d.]+) s");
	private static final int KILLS = 5;

	@TempDir
	static Path dir;
	static Path v2;
	static Path pristine;

	@BeforeAll
	static void runTheOldVersion() throws IOException, URISyntaxException {
		Path v1 = Path.of(KilledMigrationTest.class.getResource("/restart.journey").toURI());
		v2 = Path.of(KilledMigrationTest.class.getResource("/restart-v2.journey").toURI());
		Path log = dir.resolve("events.csv");
		try (Writer out = Files.newBufferedWriter(log)) {
			new SyntheticEventLog(40_000, 20_000, 13, Instant.parse("2026-03-01T00:00:00Z").toEpochMilli(), 4, false).write(out);
		}
		pristine = dir.resolve("pristine");
		int exit = ItineraCommand.commandLine().execute("run", v1.toString(), "--events", log.toString(), "--out",
				dir.resolve("out").toString(), "--state", pristine.toString(), "--map", "type.favourite=-", "--no-progress");
		assertEquals(0, exit);
	}

	@Test
	void aKilledMigrationLeavesTheOldVersionOrTheNewAndARerunFinishesIt() throws Exception {
		String before = fingerprint(copy(pristine, "before"));
		Path done = copy(pristine, "done");
		long started = System.nanoTime();
		Process whole = migrate(done).start();
		assertTrue(whole.waitFor(120, TimeUnit.SECONDS));
		double seconds = (System.nanoTime() - started) / 1e9;
		String said = Files.readString(done.resolveSibling("done.log"));
		assertEquals(0, whole.exitValue(), said);
		Matcher write = WRITE_TIME.matcher(said);
		assertTrue(write.find(), said);
		double migrating = Double.parseDouble(write.group(1));
		String after = fingerprint(done);
		assertNotEquals(before, after, "the migration changes the state");

		// kill at seeded random points of the migration itself: from when the child opens the state (reading, migrating,
		// building the batch, writing it); every third kill just after it says the batch is written, before it closes
		Random random = new Random(20261130);
		List<String> outcomes = new ArrayList<>();
		for (int kill = 0; kill < KILLS; kill++) {
			Path state = copy(pristine, "killed-" + kill);
			Path log = state.resolveSibling(state.getFileName() + ".log");
			Process process = migrate(state).start();
			String when;
			if (kill % 3 == 2) {
				while (process.isAlive() && !Files.readString(log).contains("Applied:")) {
					Thread.sleep(2);
				}
				when = "after the write";
			} else {
				long opened = awaitOpened(process, state);
				long delayMillis = (long) (random.nextDouble() * 1200 * migrating);
				Thread.sleep(delayMillis);
				when = delayMillis + " ms after opening the state (" + opened + " ms after start)";
			}
			boolean ended = !process.isAlive();
			process.destroyForcibly(); // SIGKILL
			assertTrue(process.waitFor(30, TimeUnit.SECONDS));
			String found = fingerprint(state);
			assertTrue(found.equals(before) || found.equals(after),
					"killed " + when + ": the state is neither the old version nor the new one");
			outcomes.add(when + ": " + (ended ? "had ended" : "killed") + ", " + (found.equals(before) ? "old" : "new"));

			int rerun = ItineraCommand.commandLine().execute("migrate", "--state", state.toString(), v2.toString());
			assertEquals(0, rerun, "migrate again, " + outcomes.get(kill));
			assertEquals(after, fingerprint(state), "migrate again, " + outcomes.get(kill));
		}
		System.out.println("KilledMigrationTest (migrate: " + seconds + " s, the migration " + migrating + " s): " + outcomes);
		assertTrue(outcomes.stream().anyMatch(o -> o.endsWith("killed, old")), "some kills landed before the write: " + outcomes);
	}

	/** Waits until the child has a file of the state directory open (RocksDB opened it); the ms it took. */
	private static long awaitOpened(Process process, Path state) throws IOException, InterruptedException {
		long started = System.nanoTime();
		Path fds = Path.of("/proc", Long.toString(process.pid()), "fd");
		String directory = state.toAbsolutePath() + "/";
		while (process.isAlive()) {
			try (Stream<Path> open = Files.list(fds)) {
				if (open.anyMatch(fd -> {
					try {
						return Files.readSymbolicLink(fd).toString().startsWith(directory);
					} catch (IOException | UnsupportedOperationException gone) {
						return false;
					}
				})) {
					break;
				}
			} catch (IOException gone) {
				break;
			}
			Thread.sleep(2);
		}
		return (System.nanoTime() - started) / 1_000_000;
	}

	private static ProcessBuilder migrate(Path state) {
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classPath,
				ItineraCommand.class.getName(), "migrate", "--state", state.toString(), v2.toString());
		return new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(state.resolveSibling(state.getFileName() + ".log").toFile());
	}

	private static Path copy(Path from, String name) throws IOException {
		Path to = dir.resolve(name);
		try (Stream<Path> files = Files.walk(from)) {
			for (Path file : files.toList()) {
				Path target = to.resolve(from.relativize(file).toString());
				if (Files.isDirectory(file)) {
					Files.createDirectories(target);
				} else {
					Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
		return to;
	}

	/**
	 * The whole state as one digest: every customer's bytes, the pending index, the progress record
	 * and the plan; and, checked on the way, that each customer's stage is one of that plan's.
	 */
	private static String fingerprint(Path state) throws IOException {
		try (RocksDbStateStore store = new RocksDbStateStore(state)) {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			String planJson = store.planJson().orElseThrow();
			TreeSet<String> stages = new TreeSet<>();
			PlanJson.read(planJson).stages().forEach(stage -> stages.add(stage.name()));
			Map<String, byte[]> customers = new TreeMap<>();
			store.forEachCustomer((id, bytes) -> {
				customers.put(id, bytes);
				CustomerState customer = SlotCodec.state(bytes);
				assertTrue(customer.stage() == null || stages.contains(customer.stage()),
						"customer " + id + " is in " + customer.stage() + ", which the state's plan does not have: " + stages);
			});
			customers.forEach((id, bytes) -> {
				digest.update(id.getBytes(StandardCharsets.UTF_8));
				digest.update(bytes);
			});
			TreeSet<String> pending = new TreeSet<>();
			store.forEachWithPendingWork(CustomerSlice.ALL, pending::add);
			digest.update(String.join(",", pending).getBytes(StandardCharsets.UTF_8));
			RunProgress progress = store.progress().orElseThrow();
			digest.update(new TreeMap<>(progress.stageCounts()).toString().getBytes(StandardCharsets.UTF_8));
			digest.update(progress.withCustomersMoved(Map.of(), progress.pendingTimers()).toString().getBytes(StandardCharsets.UTF_8));
			digest.update(planJson.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest.digest());
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
