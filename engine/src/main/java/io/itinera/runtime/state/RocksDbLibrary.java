package io.itinera.runtime.state;

import org.rocksdb.RocksDB;

/**
 * RocksDB's native library, loaded ahead of the first {@link RocksDbStateStore}: loading unpacks it
 * from the jar (about 0.1 s), which a command can do on a spare core while it still reads its log.
 * A store opened meanwhile waits for the load under way.
 */
public final class RocksDbLibrary {
	private RocksDbLibrary() {
	}

	public static void loadInBackground() {
		Thread loading = new Thread(RocksDB::loadLibrary, "itinera-rocksdb-load");
		loading.setDaemon(true);
		loading.start();
	}
}
