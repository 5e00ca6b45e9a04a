package io.itinera.serve.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.itinera.runtime.step.ActionRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * Each action's delivery status, by action id, in its own RocksDB (in the state directory): a
 * restart resumes the pending ones and never sends a delivered one again. Writes go through the
 * RocksDB write-ahead log, which the OS keeps when the process is killed. An entry delivered or
 * given up on is also indexed by the time it ended, so {@link #removeDoneBefore} can let it go after
 * the retention window.
 */
public final class DeliveryLedger implements AutoCloseable {
	private static final ObjectMapper JSON = new ObjectMapper();

	/** CANCELLED: not delivered because the customer withdrew consent meanwhile (the entry's error says how). */
	public enum Status {
		PENDING, DELIVERED, DEAD, CANCELLED
	}

	/** One action's record: its status, the tries so far, the last error, and the action itself (to resume it). */
	public record Entry(Status status, int attempts, String error, ActionRecord action) {
	}

	private final RocksDB db;
	private final Options options;
	private final WriteOptions writes;

	public DeliveryLedger(Path directory) throws IOException {
		RocksDB.loadLibrary();
		Files.createDirectories(directory);
		try (org.rocksdb.DBOptions erasable = io.itinera.runtime.state.ErasableDbOptions.create();
				org.rocksdb.ColumnFamilyOptions family = new org.rocksdb.ColumnFamilyOptions()) {
			options = new Options(erasable, family).setCreateIfMissing(true);
		}
		writes = new WriteOptions();
		try {
			db = RocksDB.open(options, directory.toString());
		} catch (RocksDBException e) {
			options.close();
			throw new IOException("cannot open the delivery ledger in " + directory + ": " + e.getMessage()
					+ " (is another itinera using this --state directory?)", e);
		}
	}

	public Entry get(String actionId) {
		try {
			byte[] bytes = db.get(key(actionId));
			return bytes == null ? null : JSON.readValue(bytes, Entry.class);
		} catch (RocksDBException | IOException e) {
			throw new UncheckedIOException(new IOException("cannot read the delivery ledger: " + e.getMessage(), e));
		}
	}

	public void put(Entry entry) {
		try (WriteBatch batch = new WriteBatch()) {
			batch.put(key(entry.action().id()), JSON.writeValueAsBytes(entry));
			if (entry.status() != Status.PENDING) {
				batch.put(doneKey(System.currentTimeMillis(), entry.action().id()), new byte[0]);
			}
			db.write(writes, batch);
		} catch (RocksDBException | IOException e) {
			throw new UncheckedIOException(new IOException("cannot write the delivery ledger: " + e.getMessage(), e));
		}
	}

	/** Every entry still pending (for a restart). */
	public void forEachPending(Consumer<Entry> pending) {
		try (RocksIterator it = db.newIterator()) {
			for (it.seekToFirst(); it.isValid(); it.next()) {
				if (isIndex(it.key())) {
					continue;
				}
				Entry entry = JSON.readValue(it.value(), Entry.class);
				if (entry.status() == Status.PENDING) {
					pending.accept(entry);
				}
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/**
	 * Erasure: deletes every entry of the customer's actions (pending, delivered or dead), then rewrites
	 * the files without them (see {@code RocksDbStateStore.compactAll}).
	 *
	 * @return the ids of the actions deleted
	 */
	public java.util.List<String> forgetCustomer(String customerId) {
		java.util.List<String> ids = new java.util.ArrayList<>();
		try (RocksIterator it = db.newIterator(); org.rocksdb.WriteBatch batch = new org.rocksdb.WriteBatch();
				WriteOptions synced = new WriteOptions().setSync(true)) {
			for (it.seekToFirst(); it.isValid(); it.next()) {
				if (isIndex(it.key())) {
					continue;
				}
				Entry entry = JSON.readValue(it.value(), Entry.class);
				if (customerId.equals(entry.action().customerId())) {
					ids.add(entry.action().id());
					batch.delete(it.key());
				}
			}
			java.util.Set<String> erased = new java.util.HashSet<>(ids);
			for (it.seek(new byte[] { DONE }); it.isValid() && it.key().length > 0 && it.key()[0] == DONE; it.next()) {
				byte[] key = it.key();
				if (key.length > 9 && erased.contains(new String(key, 9, key.length - 9, java.nio.charset.StandardCharsets.UTF_8))) {
					batch.delete(key); // the time index names the action too
				}
			}
			db.write(synced, batch);
			compactAll();
		} catch (RocksDBException | IOException e) {
			throw new UncheckedIOException(new IOException("cannot erase from the delivery ledger: " + e.getMessage(), e));
		}
		return ids;
	}

	private void compactAll() throws RocksDBException {
		try (org.rocksdb.FlushOptions flush = new org.rocksdb.FlushOptions().setWaitForFlush(true);
				org.rocksdb.CompactRangeOptions everything = new org.rocksdb.CompactRangeOptions()
						.setBottommostLevelCompaction(org.rocksdb.CompactRangeOptions.BottommostLevelCompaction.kForce)) {
			db.flush(flush);
			db.compactRange(db.getDefaultColumnFamily(), null, null, everything);
			// one more flushed write starts a fresh manifest, naming only the files that are left
			db.put(ERASURE_MARK, new byte[0]);
			db.flush(flush);
		}
	}

	/** Sorts before every action id (hex digits); no entry, skipped by the readers. */
	private static final byte[] ERASURE_MARK = "!erasure".getBytes(java.nio.charset.StandardCharsets.UTF_8);

	/**
	 * Removes the entries delivered or given up on before {@code millis} (epoch): after that, an action
	 * decided again is sent again (with its same idempotency key).
	 *
	 * @return how many entries left
	 */
	public long removeDoneBefore(long millis) {
		long removed = 0;
		try (RocksIterator it = db.newIterator(); WriteBatch batch = new WriteBatch()) {
			for (it.seek(new byte[] { DONE }); it.isValid(); it.next()) {
				byte[] key = it.key();
				if (key.length < 9 || key[0] != DONE || ByteBuffer.wrap(key, 1, 8).getLong() >= millis) {
					break;
				}
				batch.delete(key);
				batch.delete(java.util.Arrays.copyOfRange(key, 9, key.length));
				removed++;
			}
			if (removed > 0) {
				db.write(writes, batch);
				removedSinceCompaction += removed;
			}
			if (removedSinceCompaction >= COMPACT_AFTER_REMOVED) {
				db.compactRange(); // the deletes are tombstones until compacted: give the disk back now
				removedSinceCompaction = 0;
			}
		} catch (RocksDBException e) {
			throw new UncheckedIOException(new IOException("cannot trim the delivery ledger: " + e.getMessage(), e));
		}
		return removed;
	}

	private static final long COMPACT_AFTER_REMOVED = 1_000;
	private long removedSinceCompaction;

	/** The first byte of a time-index key (action ids are text, never a zero byte). */
	private static final byte DONE = 0;

	private static byte[] doneKey(long millis, String actionId) {
		byte[] id = key(actionId);
		return ByteBuffer.allocate(9 + id.length).put(DONE).putLong(millis).put(id).array();
	}

	/** A key that holds no entry: the erasure mark or a time-index key. */
	private static boolean isIndex(byte[] key) {
		return java.util.Arrays.equals(key, ERASURE_MARK) || (key.length > 0 && key[0] == DONE);
	}

	private static byte[] key(String actionId) {
		return actionId.getBytes(java.nio.charset.StandardCharsets.UTF_8);
	}

	@Override
	public void close() {
		writes.close();
		db.close();
		options.close();
	}
}
