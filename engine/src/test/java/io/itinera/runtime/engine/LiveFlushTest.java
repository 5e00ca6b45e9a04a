package io.itinera.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.io.EventLogSource;
import io.itinera.runtime.io.EventSource;
import io.itinera.runtime.io.JsonLinesOutput;
import io.itinera.runtime.io.SourceRecord;
import io.itinera.runtime.state.InMemoryStateStore;
import io.itinera.runtime.step.PlanStep;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A live input that pauses: with a flush interval the engine writes what it has without waiting for more lines or the end. */
class LiveFlushTest {
	@TempDir
	Path dir;

	@Test
	void outputIsWrittenWhileALiveInputWaits() throws IOException {
		Path log = EngineFixtures.syntheticLog(dir, 2_000, 100, 5);
		Path out = dir.resolve("out");
		Path changes = out.resolve(JsonLinesOutput.STAGE_CHANGES);
		boolean[] writtenWhileWaiting = new boolean[1];
		try (EventLogSource file = EngineFixtures.open(log, EngineFixtures.cartRecovery());
				JsonLinesOutput output = new JsonLinesOutput(out)) {
			EventSource pausing = new PausingSource(file, () -> {
				writtenWhileWaiting[0] = changes.toFile().length() > 0;
				return writtenWhileWaiting[0];
			});
			EngineConfig config = EngineFixtures.config(2).withBarrierEveryLines(1_000_000_000L).withFlushEveryMillis(5);
			new LocalEngine(() -> new PlanStep(EngineFixtures.cartRecovery(), EngineFixtures.rules()), EngineFixtures.scorer(),
					new InMemoryStateStore(), output, config).run(pausing);
		}
		assertTrue(writtenWhileWaiting[0], "nothing was written while the input waited for more lines");
	}

	/** The file's lines, then "nothing yet" until {@code done} holds (at most 10 s), then the end. */
	private static final class PausingSource extends PassingSource {
		private final java.util.function.BooleanSupplier done;
		private final long deadline = System.nanoTime() + 10_000_000_000L;

		PausingSource(EventSource file, java.util.function.BooleanSupplier done) {
			super(file);
			this.done = done;
		}

		@Override
		public SourceRecord poll(long maxWaitMillis) throws IOException {
			SourceRecord record = next();
			if (record != null) {
				return record;
			}
			if (done.getAsBoolean() || System.nanoTime() > deadline) {
				return null;
			}
			try {
				Thread.sleep(Math.max(1, maxWaitMillis));
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return null;
			}
			return NOTHING_YET;
		}

		@Override
		public long size() {
			return -1;
		}
	}
}
