package io.itinera.serve.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.itinera.runtime.step.ActionRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteOptions;

/**
 * Each action's delivery status, by action id, in its own RocksDB (in the state directory): a
 * restart resumes the pending ones and never sends a delivered one again. Writes go through the
 * RocksDB write-ahead log, which the OS keeps when the process is killed.
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
		try {
			db.put(writes, key(entry.action().id()), JSON.writeValueAsBytes(entry));
		} catch (RocksDBException | IOException e) {
			throw new UncheckedIOException(new IOException("cannot write the delivery ledger: " + e.getMessage(), e));
		}
	}

	/** Every entry still pending (for a restart). */
	public void forEachPending(Consumer<Entry> pending) {
		try (RocksIterator it = db.newIterator()) {
			for (it.seekToFirst(); it.isValid(); it.next()) {
				Entry entry = JSON.readValue(it.value(), Entry.class);
				if (entry.status() == Status.PENDING) {
					pending.accept(entry);
				}
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
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
