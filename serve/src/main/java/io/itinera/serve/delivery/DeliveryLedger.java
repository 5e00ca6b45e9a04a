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

	public enum Status {
		PENDING, DELIVERED, DEAD
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
		options = new Options().setCreateIfMissing(true);
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
				if (it.key().length > 0 && it.key()[0] == DONE) {
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
