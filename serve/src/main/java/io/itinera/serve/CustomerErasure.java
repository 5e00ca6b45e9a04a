package io.itinera.serve;

import io.itinera.runtime.engine.LocalEngine;
import java.util.function.Supplier;
import io.itinera.runtime.erasure.ArchivedFileErasure;
import io.itinera.runtime.erasure.CustomerLines;
import io.itinera.runtime.erasure.InPlaceErasure;
import io.itinera.runtime.state.RocksDbStateStore;
import io.itinera.serve.delivery.DeliveryService;
import io.itinera.serve.http.CustomerEraser;
import io.itinera.serve.intake.ErasureGate;
import io.itinera.serve.intake.InputLog;
import io.itinera.serve.intake.TailingEventSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * {@code DELETE /v1/customers/{id}}: erases a customer from a live server, in this order, so that
 * nothing of theirs comes back on the way:
 * <ol>
 * <li>their salted hash goes on the suppression list (durably), while no request is being admitted:
 * from then on the intake and the engine drop their events; the log's length then is noted;</li>
 * <li>the engine reads past that length (their events there are dropped), lets go of them and
 * deletes them with a checkpoint (state, timers, held events);</li>
 * <li>the delivery ledger forgets their actions (undelivered ones are not sent);</li>
 * <li>their lines are blanked in the input log before that length, in the output and rejected lines
 * files and in the dead deliveries: behind every reader, offsets unchanged; and in the input segments
 * archived ({@code --archive-input}), each by an atomic rewrite;</li>
 * <li>the state store is compacted, so no table, log or manifest holds their id.</li>
 * </ol>
 * One erasure at a time.
 */
final class CustomerErasure implements CustomerEraser {
	private static final long TIMEOUT_MILLIS = 60_000;

	private final ErasureGate gate;
	/** The engine and the source it reads, as they are now (a reload replaces them). */
	private final Supplier<LocalEngine> engine;
	private final Supplier<TailingEventSource> source;
	private final InputLog log;
	private final RocksDbStateStore store;
	private final DeliveryService delivery;
	private final RecentActions recent;
	private final Path stateDirectory;
	/** Where old input segments are moved ({@code --archive-input}), or null. */
	private final Path archive;
	private final AtomicLong erasures = new AtomicLong();

	CustomerErasure(ErasureGate gate, Supplier<LocalEngine> engine, Supplier<TailingEventSource> source, InputLog log, RocksDbStateStore store,
			DeliveryService delivery, RecentActions recent, Path stateDirectory, Path archive) {
		this.gate = gate;
		this.engine = engine;
		this.source = source;
		this.log = log;
		this.store = store;
		this.delivery = delivery;
		this.recent = recent;
		this.stateDirectory = stateDirectory;
		this.archive = archive;
	}

	@Override
	public synchronized long erase(String customerId) throws InterruptedException, IOException {
		long at = gate.erased().erasedAt(customerId).orElse(System.currentTimeMillis());
		long logEnd = gate.erase(customerId, at, log::durableLength);
		awaitRead(logEnd);
		engine.get().forget(customerId, TIMEOUT_MILLIS);
		delivery.forgetCustomer(customerId);
		recent.forget(customerId);
		CustomerLines lines = new CustomerLines(Set.of(customerId));
		log.whileNoSegmentMoves(() -> {
			for (Path segment : log.segmentFiles()) {
				InPlaceErasure.blank(segment, Files.size(segment), lines);
			}
			for (Path segment : archivedSegments()) {
				ArchivedFileErasure.blank(segment, lines);
			}
		});
		for (Path file : appendedFiles()) {
			InPlaceErasure.blank(file, Files.size(file), lines);
		}
		store.compactAll();
		erasures.incrementAndGet();
		return at;
	}

	@Override
	public OptionalLong erasedAt(String customerId) {
		return gate.erased().erasedAt(customerId);
	}

	/** Customers erased since the server started. */
	long erasures() {
		return erasures.get();
	}

	private void awaitRead(long logEnd) throws InterruptedException {
		long deadline = System.nanoTime() + TIMEOUT_MILLIS * 1_000_000;
		while (source.get().position() < logEnd) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("the engine did not read the input log up to the erasure within " + TIMEOUT_MILLIS
						+ " ms; the customer is on the suppression list, send the DELETE again to finish");
			}
			Thread.sleep(5);
		}
	}

	/** The input segments in the archive; a copy a killed erasure left behind is deleted. */
	private List<Path> archivedSegments() throws IOException {
		if (archive == null || !Files.isDirectory(archive)) {
			return List.of();
		}
		List<Path> segments = new ArrayList<>();
		try (Stream<Path> files = Files.list(archive)) {
			for (Path file : (Iterable<Path>) files::iterator) {
				String name = file.getFileName().toString();
				if (name.endsWith(ArchivedFileErasure.TEMPORARY_SUFFIX)) {
					Files.deleteIfExists(file);
				} else if (name.endsWith(".jsonl") && Files.isRegularFile(file)) {
					segments.add(file);
				}
			}
		}
		return segments;
	}

	/** The server's JSON Lines files other than the input log: output, rejected lines, dead deliveries. */
	private List<Path> appendedFiles() throws IOException {
		List<Path> files = new ArrayList<>();
		files.add(stateDirectory.resolve(LiveServer.REJECTED));
		files.add(stateDirectory.resolve(LiveServer.DELIVERY_DEAD_LETTERS));
		Path output = stateDirectory.resolve(LiveServer.OUTPUT);
		if (Files.isDirectory(output)) {
			try (Stream<Path> outputs = Files.list(output)) {
				outputs.filter(file -> file.getFileName().toString().endsWith(".jsonl")).forEach(files::add);
			}
		}
		files.removeIf(file -> !Files.isRegularFile(file));
		return files;
	}
}
