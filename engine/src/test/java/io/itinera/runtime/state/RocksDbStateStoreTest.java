package io.itinera.runtime.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.driver.CustomerSlice;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;

class RocksDbStateStoreTest {
	@TempDir
	Path dir;

	@Test
	void aStateDirectoryOfAnOlderLayoutIsRefusedWithWhatToDo() throws Exception {
		RocksDB.loadLibrary();
		try (DBOptions options = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
				ColumnFamilyOptions family = new ColumnFamilyOptions()) {
			List<ColumnFamilyHandle> handles = new ArrayList<>();
			List<ColumnFamilyDescriptor> olderLayout = List.of(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, family),
					new ColumnFamilyDescriptor("states".getBytes(StandardCharsets.UTF_8), family),
					new ColumnFamilyDescriptor("timers".getBytes(StandardCharsets.UTF_8), family));
			try (RocksDB db = RocksDB.open(options, dir.toString(), olderLayout, handles)) {
				handles.forEach(ColumnFamilyHandle::close);
			}
		}
		IllegalStateException refused = assertThrows(IllegalStateException.class, () -> new RocksDbStateStore(dir).close());
		assertTrue(refused.getMessage().contains("older version") && refused.getMessage().contains("another --state directory"),
				refused.getMessage());
	}

	@Test
	void aClosedStoreKeepsItsCustomersInTablesNotInTheWriteAheadLog() throws Exception {
		Map<String, CustomerRecord> customers = new HashMap<>();
		for (int i = 0; i < 2_000; i++) {
			customers.put("c" + i, new CustomerRecord(("state of customer " + i).repeat(4).getBytes(StandardCharsets.UTF_8), false));
		}
		try (RocksDbStateStore store = new RocksDbStateStore(dir)) {
			for (int checkpoint = 0; checkpoint < 5; checkpoint++) {
				store.commit(new Checkpoint(null, customers, List.of()));
			}
		}
		try (Stream<Path> files = Files.list(dir)) {
			long logBytes = files.filter(file -> file.toString().endsWith(".log")).mapToLong(file -> file.toFile().length()).sum();
			assertEquals(0, logBytes, "five checkpoints' copies of every customer left in the write-ahead log");
		}
		Map<String, byte[]> read = new HashMap<>();
		try (RocksDbStateStore store = new RocksDbStateStore(dir)) {
			store.forEachCustomer(read::put);
		}
		assertEquals(customers.size(), read.size());
		assertArrayEquals(customers.get("c7").bytes(), read.get("c7"));
	}

	@Test
	void aRunsLastCheckpointIsInTheTablesWhenItsCommitReturnsWithNoCopyInTheLog() throws Exception {
		Map<String, CustomerRecord> first = new HashMap<>();
		Map<String, CustomerRecord> last = new HashMap<>();
		for (int i = 0; i < 2_000; i++) {
			first.put("c" + i, new CustomerRecord(("first state of " + i).getBytes(StandardCharsets.UTF_8), false));
			last.put("c" + i, new CustomerRecord(("last state of " + i).repeat(4).getBytes(StandardCharsets.UTF_8), i % 2 == 0));
		}
		last.put("newcomer", new CustomerRecord("only in the last".getBytes(StandardCharsets.UTF_8), false));
		try (RocksDbStateStore store = new RocksDbStateStore(dir)) {
			store.commit(new Checkpoint(null, first, List.of()));
			store.commitLast(new Checkpoint(null, last, List.of()));
			assertEquals(0, writeAheadLogBytes(), "the last checkpoint went through the write-ahead log, or was not flushed");
		}
		Map<String, byte[]> read = new HashMap<>();
		try (RocksDbStateStore store = new RocksDbStateStore(dir)) {
			store.forEachCustomer(read::put);
		}
		assertEquals(last.size(), read.size());
		assertArrayEquals(last.get("c7").bytes(), read.get("c7"));
		assertArrayEquals(last.get("newcomer").bytes(), read.get("newcomer"));
	}

	private long writeAheadLogBytes() throws IOException {
		try (Stream<Path> files = Files.list(dir)) {
			return files.filter(file -> file.toString().endsWith(".log")).mapToLong(file -> file.toFile().length()).sum();
		}
	}

	@Test
	void manyCustomersAreReadInKeyOrderAsOneByOne() throws Exception {
		Map<String, CustomerRecord> customers = new HashMap<>();
		for (int i = 0; i < 10_000; i++) {
			customers.put("c" + i, new CustomerRecord(("customer " + i).getBytes(StandardCharsets.UTF_8), i % 3 == 0));
		}
		List<String> asked = new ArrayList<>(customers.keySet());
		asked.addAll(List.of("never-stored", "ç-never-stored"));
		java.util.Collections.shuffle(asked, new java.util.Random(5));
		try (RocksDbStateStore store = new RocksDbStateStore(dir)) {
			store.commit(new Checkpoint(null, customers, List.of()));
			List<String> order = new ArrayList<>();
			store.loadAll(asked, (id, bytes) -> {
				order.add(id);
				assertArrayEquals(store.load(id), bytes, id);
			});
			assertEquals(asked.stream().sorted(RocksDbStateStoreTest::byUtf8).toList(), order);
		}
	}

	@Test
	void aCustomerLeavesThePendingIndexWhenTheirPendingWorkEndsAndOneWhoNeverHadAnyIsNeverInIt() throws Exception {
		byte[] state = "state".getBytes(StandardCharsets.UTF_8);
		try (RocksDbStateStore store = new RocksDbStateStore(dir)) {
			store.commit(new Checkpoint(null, Map.of("waits", new CustomerRecord(state, true, false),
					"never", new CustomerRecord(state, false, false)), List.of()));
			assertEquals(List.of("waits"), pending(store));
			store.commit(new Checkpoint(null, Map.of("waits", new CustomerRecord(state, false, true)), List.of()));
			assertEquals(List.of(), pending(store));
		}
	}

	private static List<String> pending(RocksDbStateStore store) {
		List<String> ids = new ArrayList<>();
		store.forEachWithPendingWork(CustomerSlice.ALL, ids::add);
		return ids;
	}

	private static int byUtf8(String a, String b) {
		return java.util.Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
	}
}
