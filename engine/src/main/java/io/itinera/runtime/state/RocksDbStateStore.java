package io.itinera.runtime.state;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.itinera.runtime.driver.CustomerSlice;
import io.itinera.runtime.erasure.ErasedCustomers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.function.Consumer;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompactRangeOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The durable store: RocksDB in a directory, one column family each for customers, the ids of
 * customers with pending timers or held events, and written action ids, the run progress, the plan the run runs (JSON) and the older plans customers still run on under keys of the default family. A
 * checkpoint is one {@link WriteBatch} written with a synced WAL, so it lands whole or not at all.
 */
public final class RocksDbStateStore implements CustomerStateStore {
	private static final byte[] PROGRESS_KEY = "progress".getBytes(StandardCharsets.UTF_8);
	private static final byte[] PLAN_KEY = "plan".getBytes(StandardCharsets.UTF_8);
	private static final byte[] PINNED_PLANS_KEY = "pinned-plans".getBytes(StandardCharsets.UTF_8);
	private static final byte[] INPUTS_KEY = "inputs".getBytes(StandardCharsets.UTF_8);
	private static final byte[] ERASED_KEY = "erased".getBytes(StandardCharsets.UTF_8);
	private static final byte[] PRESENT = new byte[0];
	private static final int READ_BATCH = 4096;
	private static final ObjectMapper JSON = JsonMapper.builder().build();

	static {
		RocksDB.loadLibrary();
	}

	private final Path directory;
	private final DBOptions dbOptions;
	private final ColumnFamilyOptions familyOptions;
	private final BloomFilter customerFilter = new BloomFilter(10, false);
	private final ColumnFamilyOptions customerOptions;
	private final List<ColumnFamilyHandle> handles = new ArrayList<>();
	private final RocksDB db;
	private final ColumnFamilyHandle meta;
	private final ColumnFamilyHandle customers;
	private final ColumnFamilyHandle pending;
	private final ColumnFamilyHandle actions;
	private final WriteOptions syncWrites = new WriteOptions().setSync(true);
	private final WriteOptions unloggedWrites = new WriteOptions().setDisableWAL(true);
	private final ErasedCustomers erased;

	/** @throws IllegalStateException with a message naming the directory when it cannot be opened (e.g. in use) */
	public RocksDbStateStore(Path directory) {
		this.directory = directory;
		try {
			Files.createDirectories(directory);
			dbOptions = ErasableDbOptions.create();
			familyOptions = new ColumnFamilyOptions().setCompressionType(CompressionType.LZ4_COMPRESSION);
			// a new customer is looked up before they are known: the filter answers "not stored" without reading a block
			customerOptions = new ColumnFamilyOptions().setCompressionType(CompressionType.LZ4_COMPRESSION)
					.setTableFormatConfig(new BlockBasedTableConfig().setFilterPolicy(customerFilter));
			List<ColumnFamilyDescriptor> families = List.of(
					new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, familyOptions),
					new ColumnFamilyDescriptor(bytes("customers"), customerOptions),
					new ColumnFamilyDescriptor(bytes("pending"), familyOptions),
					new ColumnFamilyDescriptor(bytes("actions"), familyOptions));
			db = RocksDB.open(dbOptions, directory.toString(), families, handles);
		} catch (RocksDBException e) {
			if (String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("column families not opened")) {
				throw new IllegalStateException("the state directory " + directory + " was written by an older version of "
						+ "itinera; give this run another --state directory (or delete that one to start over)", e);
			}
			throw new IllegalStateException("cannot open the state directory " + directory + ": " + e.getMessage()
					+ " (is another itinera run using it?)", e);
		} catch (IOException e) {
			throw new IllegalStateException("cannot open the state directory " + directory + ": " + e.getMessage(), e);
		}
		meta = handles.get(0);
		customers = handles.get(1);
		pending = handles.get(2);
		actions = handles.get(3);
		erased = ErasedCustomers.fromBytes(get(meta, ERASED_KEY), this::saveErased);
	}

	@Override
	public ErasedCustomers erasedCustomers() {
		return erased;
	}

	private void saveErased(byte[] list) {
		try {
			db.put(meta, syncWrites, ERASED_KEY, list);
		} catch (RocksDBException e) {
			throw new IllegalStateException("cannot write the list of erased customers to " + directory + ": " + e.getMessage(), e);
		}
	}

	/**
	 * Writes customers outside a run's checkpoints (profiles loaded before or between runs), in one
	 * synced batch.
	 */
	public void putCustomers(Map<String, CustomerRecord> records) {
		try (WriteBatch batch = new WriteBatch()) {
			for (var entry : records.entrySet()) {
				addCustomer(batch, entry.getKey(), entry.getValue());
			}
			db.write(syncWrites, batch);
		} catch (RocksDBException e) {
			throw new IllegalStateException("cannot write customers to " + directory + ": " + e.getMessage(), e);
		}
	}

	@Override
	public boolean holdsCustomers() {
		try (RocksIterator iterator = db.newIterator(customers)) {
			iterator.seekToFirst();
			return iterator.isValid();
		}
	}

	/**
	 * Erases customers from a state no run is using: their records and pending marks are deleted and
	 * their salted hashes put on the {@link #erasedCustomers()} list, in one synced write; then
	 * {@link #compactAll()} rewrites the files without them.
	 *
	 * @return how many of them the state held
	 */
	public int forget(Collection<String> customerIds, long at) {
		int held = 0;
		try (WriteBatch batch = new WriteBatch()) {
			for (String id : customerIds) {
				if (get(customers, bytes(id)) != null) {
					held++;
				}
				batch.delete(customers, bytes(id));
				batch.delete(pending, pendingKey(id));
				erased.addWithoutPersisting(id, at);
			}
			batch.put(meta, ERASED_KEY, erased.toBytes());
			db.write(syncWrites, batch);
		} catch (RocksDBException e) {
			throw new IllegalStateException("cannot erase customers from " + directory + ": " + e.getMessage(), e);
		}
		compactAll();
		return held;
	}

	/**
	 * Flushes every family and rewrites all its table files (no file just moved down a level), so deleted
	 * keys and values (an erasure) leave the tables and the write-ahead log; then one more flushed write
	 * starts a fresh manifest, which names only the files that are left.
	 */
	public void compactAll() {
		try (FlushOptions flush = new FlushOptions().setWaitForFlush(true);
				CompactRangeOptions everything = new CompactRangeOptions()
						.setBottommostLevelCompaction(CompactRangeOptions.BottommostLevelCompaction.kForce)) {
			db.flush(flush, handles);
			for (ColumnFamilyHandle handle : handles) {
				db.compactRange(handle, null, null, everything);
			}
			db.put(meta, syncWrites, ERASED_KEY, erased.toBytes());
			db.flush(flush, meta);
		} catch (RocksDBException e) {
			throw new IllegalStateException("cannot compact the state directory " + directory + ": " + e.getMessage(), e);
		}
	}

	@Override
	public byte[] load(String customerId) {
		return get(customers, bytes(customerId));
	}

	/**
	 * In key order, {@value #READ_BATCH} keys a call: the tables are then read front to back (each block
	 * once, as the operating system reads ahead) instead of one random seek and one JNI call per customer.
	 */
	@Override
	public void loadAll(List<String> customerIds, BiConsumer<String, byte[]> customer) {
		byte[][] keys = new byte[customerIds.size()][];
		for (int i = 0; i < keys.length; i++) {
			keys[i] = bytes(customerIds.get(i));
		}
		Arrays.sort(keys, Arrays::compareUnsigned);
		List<ColumnFamilyHandle> family = Collections.nCopies(Math.min(READ_BATCH, keys.length), customers);
		try {
			for (int from = 0; from < keys.length; from += READ_BATCH) {
				int to = Math.min(keys.length, from + READ_BATCH);
				List<byte[]> batch = Arrays.asList(keys).subList(from, to);
				List<byte[]> values = db.multiGetAsList(family.subList(0, to - from), batch);
				for (int i = 0; i < values.size(); i++) {
					customer.accept(new String(batch.get(i), StandardCharsets.UTF_8), values.get(i));
				}
			}
		} catch (RocksDBException e) {
			throw new IllegalStateException("cannot read the state directory " + directory + ": " + e.getMessage(), e);
		}
	}

	@Override
	public void forEachWithPendingWork(CustomerSlice slice, Consumer<String> customerId) {
		try (RocksIterator iterator = db.newIterator(pending)) {
			for (iterator.seek(bucketPrefix(slice.firstBucket())); iterator.isValid(); iterator.next()) {
				byte[] key = iterator.key();
				if (bucket(key) >= slice.endBucket()) {
					return;
				}
				customerId.accept(new String(key, 2, key.length - 2, StandardCharsets.UTF_8));
			}
		}
	}

	/** Pending customers are keyed by their bucket first, so one slice of them is one range of keys. */
	private static byte[] pendingKey(String customerId) {
		byte[] id = bytes(customerId);
		byte[] key = new byte[id.length + 2];
		System.arraycopy(bucketPrefix(CustomerSlice.bucketOf(customerId)), 0, key, 0, 2);
		System.arraycopy(id, 0, key, 2, id.length);
		return key;
	}

	private static byte[] bucketPrefix(int bucket) {
		return new byte[] { (byte) (bucket >>> 8), (byte) bucket };
	}

	private static int bucket(byte[] key) {
		return ((key[0] & 0xFF) << 8) | (key[1] & 0xFF);
	}

	@Override
	public void forEachCustomer(BiConsumer<String, byte[]> customer) {
		try (RocksIterator iterator = db.newIterator(customers)) {
			for (iterator.seekToFirst(); iterator.isValid(); iterator.next()) {
				customer.accept(new String(iterator.key(), StandardCharsets.UTF_8), iterator.value());
			}
		}
	}

	@Override
	public boolean actionWritten(String actionId) {
		return get(actions, bytes(actionId)) != null;
	}

	@Override
	public Optional<RunProgress> progress() {
		byte[] value = get(meta, PROGRESS_KEY);
		if (value == null) {
			return Optional.empty();
		}
		try {
			return Optional.of(JSON.readValue(value, RunProgress.class));
		} catch (IOException e) {
			throw new IllegalStateException("the progress record in " + directory + " cannot be read (" + e.getMessage()
					+ "); start over with an empty --state directory", e);
		}
	}

	@Override
	public Optional<String> planJson() {
		byte[] value = get(meta, PLAN_KEY);
		return value == null ? Optional.empty() : Optional.of(new String(value, StandardCharsets.UTF_8));
	}

	@Override
	public Optional<String> pinnedPlansJson() {
		byte[] value = get(meta, PINNED_PLANS_KEY);
		return value == null ? Optional.empty() : Optional.of(new String(value, StandardCharsets.UTF_8));
	}

	@Override
	public Optional<String> runInputs() {
		byte[] value = get(meta, INPUTS_KEY);
		return value == null ? Optional.empty() : Optional.of(new String(value, StandardCharsets.UTF_8));
	}

	@Override
	public void saveRunInputs(String json) {
		try {
			db.put(meta, syncWrites, INPUTS_KEY, bytes(json));
		} catch (RocksDBException e) {
			throw new IllegalStateException("cannot write the run's inputs to " + directory + ": " + e.getMessage(), e);
		}
	}

	@Override
	public void commit(Checkpoint checkpoint) {
		try (WriteBatch batch = new WriteBatch()) {
			add(batch, checkpoint);
			db.write(syncWrites, batch);
		} catch (RocksDBException | IOException e) {
			throw new IllegalStateException("cannot write a checkpoint to " + directory + ": " + e.getMessage(), e);
		}
	}

	/**
	 * Writes the batch without the write-ahead log and flushes every family at once (atomically): the
	 * close that follows would flush it anyway, so a synced log copy of every customer would be written
	 * for nothing. A kill before the flush ends loses this checkpoint whole, as a kill before any
	 * commit does; the log still holds the one before.
	 */
	@Override
	public void commitLast(Checkpoint checkpoint) {
		try (WriteBatch batch = new WriteBatch(); FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
			add(batch, checkpoint);
			db.write(unloggedWrites, batch);
			db.flush(flush, handles);
		} catch (RocksDBException | IOException e) {
			throw new IllegalStateException("cannot write a checkpoint to " + directory + ": " + e.getMessage(), e);
		}
	}

	/**
	 * One WriteBatch for every customer rewritten and the final checkpoint: RocksDB applies it whole
	 * or not at all, so a kill leaves the state as it was or as rewritten, never a mix.
	 */
	@Override
	public boolean rewriteAll(BiFunction<String, byte[], CustomerRecord> customer, Supplier<Checkpoint> then) {
		try (WriteBatch batch = new WriteBatch(); RocksIterator iterator = db.newIterator(customers)) {
			for (iterator.seekToFirst(); iterator.isValid(); iterator.next()) {
				String id = new String(iterator.key(), StandardCharsets.UTF_8);
				CustomerRecord record = customer.apply(id, iterator.value());
				if (record != null) {
					addCustomer(batch, id, record);
				}
			}
			Checkpoint checkpoint = then.get();
			if (checkpoint == null) {
				return false;
			}
			add(batch, checkpoint);
			db.write(syncWrites, batch);
			return true;
		} catch (RocksDBException | IOException e) {
			throw new IllegalStateException("cannot write to " + directory + ": " + e.getMessage(), e);
		}
	}

	private void add(WriteBatch batch, Checkpoint checkpoint) throws RocksDBException, IOException {
		for (var entry : checkpoint.customers().entrySet()) {
			addCustomer(batch, entry.getKey(), entry.getValue());
		}
		for (String id : checkpoint.actionIds()) {
			batch.put(actions, bytes(id), PRESENT);
		}
		batch.put(meta, PROGRESS_KEY, JSON.writeValueAsBytes(checkpoint.progress()));
		if (checkpoint.plan() != null) {
			batch.put(meta, PLAN_KEY, bytes(checkpoint.plan()));
		}
		if (checkpoint.pinnedPlans() != null) {
			batch.put(meta, PINNED_PLANS_KEY, bytes(checkpoint.pinnedPlans()));
		}
	}

	private void addCustomer(WriteBatch batch, String id, CustomerRecord record) throws RocksDBException {
		if (record.erased()) {
			batch.delete(customers, bytes(id));
		} else {
			batch.put(customers, bytes(id), record.bytes());
		}
		if (record.pendingWork()) {
			batch.put(pending, pendingKey(id), PRESENT);
		} else if (record.mayBeIndexedPending()) {
			batch.delete(pending, pendingKey(id));
		}
	}

	@Override
	public boolean durable() {
		return true;
	}

	/** Bytes of customer state on disk (SST files after a flush), for the benchmark's state-size figure. */
	public long stateBytesOnDisk() {
		try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
			db.flush(flush, customers);
			return Long.parseLong(db.getProperty(customers, "rocksdb.total-sst-files-size"));
		} catch (RocksDBException e) {
			throw new IllegalStateException(e);
		}
	}

	private byte[] get(ColumnFamilyHandle family, byte[] key) {
		try {
			return db.get(family, key);
		} catch (RocksDBException e) {
			throw new IllegalStateException("cannot read the state directory " + directory + ": " + e.getMessage(), e);
		}
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Flushes the memtables first: what a run leaves on disk is then the compressed tables alone, not a
	 * write-ahead log holding every checkpoint's copy of each customer (several times the size). A kill
	 * skips this and loses nothing: the log still holds every committed checkpoint.
	 */
	@Override
	public void close() {
		try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
			db.flush(flush, handles);
		} catch (RocksDBException e) {
			// nothing is lost: the write-ahead log still holds it, and the next open replays it
		}
		handles.forEach(ColumnFamilyHandle::close);
		db.close();
		syncWrites.close();
		unloggedWrites.close();
		familyOptions.close();
		customerOptions.close();
		customerFilter.close();
		dbOptions.close();
	}
}
