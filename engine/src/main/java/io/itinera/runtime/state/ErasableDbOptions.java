package io.itinera.runtime.state;

import java.util.Properties;
import org.rocksdb.ConfigOptions;
import org.rocksdb.DBOptions;

/**
 * RocksDB options for a database that must be able to forget a key for good (erasure): a fresh
 * manifest at every change of its files, so that no manifest keeps naming a deleted file, nor a
 * deleted key as an old file's boundary. A manifest is small (a line per live file), so this costs
 * little. The space-amplification limit that would otherwise let a manifest grow is not in the Java
 * API, hence the options by name. Flushes are atomic across the column families: a run's last
 * checkpoint is written past the log and flushed at once ({@link RocksDbStateStore#commitLast}), and
 * without a log only an atomic flush keeps its families consistent.
 */
public final class ErasableDbOptions {
	private ErasableDbOptions() {
	}

	public static DBOptions create() {
		Properties manifest = new Properties();
		manifest.setProperty("max_manifest_file_size", "1");
		manifest.setProperty("max_manifest_space_amp_pct", "0");
		DBOptions options;
		try (ConfigOptions config = new ConfigOptions()) {
			options = DBOptions.getDBOptionsFromProps(config, manifest);
		}
		if (options == null) {
			options = new DBOptions().setMaxManifestFileSize(1);
		}
		return options.setCreateIfMissing(true).setCreateMissingColumnFamilies(true).setAtomicFlush(true);
	}
}
