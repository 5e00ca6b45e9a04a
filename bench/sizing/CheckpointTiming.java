import io.itinera.runtime.state.Checkpoint;
import io.itinera.runtime.state.CustomerRecord;
import io.itinera.runtime.state.RocksDbStateStore;
import io.itinera.runtime.state.RunProgress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What `run`'s RocksDB checkpoints cost for a given population of customers, with the records a
 * real run wrote: reads every customer from a run's --state, writes them into a fresh store the
 * way a run's committer does (one synced WriteBatch per checkpoint of CHUNK customers: the first
 * checkpoints of a run that meets every customer), then incremental checkpoints that rewrite 1%
 * and 10% of the customers (a later checkpoint holds only the customers changed since the last).
 * Prints, per checkpoint, customers, record bytes, the process's CPU ms (the committing thread,
 * RocksDB's flush and compaction threads, GC) and wall ms while it was written, and the store's size
 * on disk after it. On a machine shared with other work, the CPU figure is the one to read.
 * With POPULATION larger than the run's customers, the run's records are used again under new ids
 * (ID~2, ID~3, ...) until there are that many: the same record sizes at a larger population.
 * Usage: java -cp cli/target/itinera.jar bench/sizing/CheckpointTiming.java STATE_DIR WORK_DIR [CHUNK [POPULATION]]
 */
public final class CheckpointTiming {
	public static void main(String[] args) throws Exception {
		Path source = Path.of(args[0]);
		Path target = Path.of(args[1]);
		int chunk = args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000;
		List<String> ids = new ArrayList<>();
		List<byte[]> records = new ArrayList<>();
		RunProgress progress;
		try (RocksDbStateStore store = new RocksDbStateStore(source)) {
			store.forEachCustomer((id, bytes) -> {
				ids.add(id);
				records.add(bytes);
			});
			progress = store.progress().orElseThrow(() -> new IllegalStateException(source + " holds no run"));
		}
		int read = ids.size();
		int population = args.length > 3 ? Integer.parseInt(args[3]) : read;
		for (int i = read; i < population; i++) {
			ids.add(ids.get(i % read) + "~" + (i / read + 1));
			records.add(records.get(i % read));
		}
		System.out.printf("%,d customers read from %s; %,d written%n", read, source, ids.size());
		System.out.println("| checkpoint | customers | record bytes | CPU ms | wall ms | store on disk after |");
		System.out.println("| --- | ---: | ---: | ---: | ---: | ---: |");
		try (RocksDbStateStore store = new RocksDbStateStore(target)) {
			for (int from = 0, n = 1; from < ids.size(); from += chunk, n++) {
				write(store, target, progress, ids, records, from, Math.min(ids.size(), from + chunk), 1, "full, part " + n);
			}
			write(store, target, progress, ids, records, 0, ids.size(), 100, "incremental, 1% changed");
			write(store, target, progress, ids, records, 0, ids.size(), 10, "incremental, 10% changed");
		}
	}

	/** One checkpoint of every {@code every}-th customer in [from, to). */
	private static void write(RocksDbStateStore store, Path directory, RunProgress progress, List<String> ids,
			List<byte[]> records, int from, int to, int every, String label) throws Exception {
		Map<String, CustomerRecord> changed = new HashMap<>();
		long bytes = 0;
		for (int i = from; i < to; i += every) {
			changed.put(ids.get(i), new CustomerRecord(records.get(i), true));
			bytes += ids.get(i).length() + records.get(i).length;
		}
		var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
		long cpuBefore = os.getProcessCpuTime();
		long started = System.nanoTime();
		store.commit(new Checkpoint(progress, changed, List.of()));
		long millis = (System.nanoTime() - started) / 1_000_000;
		long cpuMillis = (os.getProcessCpuTime() - cpuBefore) / 1_000_000;
		System.out.printf("| %s | %,d | %,d | %,d | %,d | %,d |%n", label, changed.size(), bytes, cpuMillis, millis,
				directoryBytes(directory));
	}

	private static long directoryBytes(Path directory) throws Exception {
		try (Stream<Path> files = Files.walk(directory)) {
			return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
		}
	}
}
