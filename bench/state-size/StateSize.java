import io.itinera.runtime.driver.CustomerSlot;
import io.itinera.runtime.driver.SlotCodec;
import io.itinera.runtime.state.RocksDbStateStore;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The size of a run's customer state, per customer: the state directory on disk, the customers'
 * column family's SST files, the SlotCodec bytes of each record, and the heap a customer takes
 * when a worker holds it (every record decoded into a slot in a map by id, as StepDriver keeps
 * them; measured as the growth of the live heap after full collections). With STATE_SIZE_HISTOGRAM
 * set, also the live-object histogram (as jcmd GC.class_histogram) while the customers are held.
 * Usage: java -cp cli/target/itinera.jar bench/state-size/StateSize.java STATE_DIR [NAME]
 */
public final class StateSize {
	public static void main(String[] args) throws Exception {
		Path directory = Path.of(args[0]);
		String name = args.length > 1 ? args[1] : directory.toString();
		long directoryBytes = directoryBytes(directory);
		Map<String, byte[]> records = new HashMap<>();
		long sstBytes;
		try (RocksDbStateStore store = new RocksDbStateStore(directory)) {
			store.forEachCustomer(records::put);
			sstBytes = store.stateBytesOnDisk();
		}
		long encoded = records.values().stream().mapToLong(bytes -> bytes.length).sum();
		int customers = records.size();

		long before = liveHeap();
		Map<String, CustomerSlot> held = new HashMap<>();
		records.forEach((id, bytes) -> {
			String copy = new String(id); // the id as a worker holds it: its own string, the key and the slot's
			held.put(copy, SlotCodec.decode(copy, bytes));
		});
		records = null;
		long heap = liveHeap() - before;
		if (System.getenv("STATE_SIZE_HISTOGRAM") != null) {
			System.out.println(histogram().lines().limit(25).collect(java.util.stream.Collectors.joining("\n")));
		}
		System.out.printf("| %s | %,d | %,d | %,.0f | %,.0f | %,.0f | %,.0f |%n", name, customers, directoryBytes,
				(double) directoryBytes / customers, (double) sstBytes / customers, (double) encoded / customers,
				(double) heap / held.size());
	}

	/** What {@code jcmd PID GC.class_histogram} prints, of this process, while it holds the customers. */
	private static String histogram() throws Exception {
		return (String) ManagementFactory.getPlatformMBeanServer().invoke(
				new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
				new Object[] {new String[0]}, new String[] {String[].class.getName()});
	}

	private static long directoryBytes(Path directory) throws IOException {
		try (Stream<Path> files = Files.walk(directory)) {
			return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
		}
	}

	private static long liveHeap() throws InterruptedException {
		for (int i = 0; i < 4; i++) {
			System.gc();
			Thread.sleep(100);
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}
}
