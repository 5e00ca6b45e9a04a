package io.itinera.serve;

import io.itinera.runtime.state.CustomerStateStore;
import io.itinera.runtime.state.RunProgress;
import io.itinera.serve.delivery.DeliveryLedger;
import io.itinera.serve.intake.InputLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Keeps the server's disk bounded: every few seconds, the input log's segments wholly before the
 * last checkpoint and older than {@code --keep-input} go (deleted, or moved to {@code --archive-input}),
 * and the ledger's delivered and dead entries older than {@code --keep-delivered} leave it.
 */
public final class DiskRetention implements AutoCloseable {
	/** @param segmentBytes size of an input log segment; the other two in milliseconds; archive null: delete */
	public record Settings(long segmentBytes, long keepInputMillis, Path archive, long keepDeliveredMillis) {
		public static final long DAY_MILLIS = 86_400_000L;
		public static final Settings DEFAULTS = new Settings(64L << 20, 7 * DAY_MILLIS, null, 7 * DAY_MILLIS);
	}

	private final Settings settings;
	private final InputLog log;
	private final CustomerStateStore store;
	private final DeliveryLedger ledger;
	private final Path stateDirectory;
	private final ScheduledExecutorService every = Executors.newSingleThreadScheduledExecutor(task -> {
		Thread thread = new Thread(task, "itinera-retention");
		thread.setDaemon(true);
		return thread;
	});
	private volatile long inputRemoved;
	private volatile long ledgerRemoved;
	private volatile String failure;

	DiskRetention(Settings settings, InputLog log, CustomerStateStore store, DeliveryLedger ledger, Path stateDirectory) {
		this.settings = settings;
		this.log = log;
		this.store = store;
		this.ledger = ledger;
		this.stateDirectory = stateDirectory;
		long period = Math.max(1_000, Math.min(10_000, Math.min(settings.keepInputMillis(), settings.keepDeliveredMillis())));
		every.scheduleWithFixedDelay(this::trim, period, period, TimeUnit.MILLISECONDS);
	}

	void trim() {
		try {
			long now = System.currentTimeMillis();
			long checkpointed = store.progress().map(RunProgress::inputPosition).orElse(0L);
			inputRemoved += log.removeBefore(checkpointed, now - settings.keepInputMillis(), settings.archive());
			ledgerRemoved += ledger.removeDoneBefore(now - settings.keepDeliveredMillis());
			failure = null;
		} catch (IOException | RuntimeException e) {
			failure = e.getMessage(); // shown on /health; the next round tries again
		}
	}

	/** Disk used by each part of the state directory, and what retention removed since the start. */
	Map<String, Object> figures() {
		Map<String, Object> disk = new LinkedHashMap<>();
		disk.put("inputLogBytes", log.keptBytes());
		disk.put("inputLogSegments", log.segmentCount());
		disk.put("inputLogRemovedBytes", inputRemoved);
		disk.put("engineBytes", bytesIn(stateDirectory.resolve("engine")));
		disk.put("ledgerBytes", bytesIn(stateDirectory.resolve("delivery")));
		disk.put("ledgerEntriesRemoved", ledgerRemoved);
		disk.put("outputBytes", bytesIn(stateDirectory.resolve(LiveServer.OUTPUT)));
		if (failure != null) {
			disk.put("retentionFailure", failure);
		}
		return disk;
	}

	static long bytesIn(Path folder) {
		if (!Files.isDirectory(folder)) {
			return 0;
		}
		try (Stream<Path> files = Files.walk(folder)) {
			return files.filter(Files::isRegularFile).mapToLong(file -> {
				try {
					return Files.size(file);
				} catch (IOException gone) {
					return 0; // a file RocksDB just compacted away
				}
			}).sum();
		} catch (IOException | UncheckedIOException e) {
			return -1;
		}
	}

	@Override
	public void close() {
		every.shutdownNow();
	}
}
