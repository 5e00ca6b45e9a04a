package io.itinera.serve;

import io.itinera.runtime.io.DeadLetter;
import io.itinera.runtime.io.OutputPositions;
import io.itinera.runtime.io.RunOutput;
import io.itinera.runtime.step.ActionRecord;
import io.itinera.runtime.step.DeliveryNotice;
import io.itinera.runtime.step.StageChange;
import io.itinera.serve.delivery.DeliveryService;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * The engine's output files, and each barrier's actions handed to delivery as soon as they are
 * written (not at the next checkpoint: a restart that produces them again finds them in the
 * delivery ledger and does not send them twice).
 */
public final class DeliveringOutput implements RunOutput {
	private final RunOutput files;
	private final DeliveryService delivery;
	private final Consumer<List<ActionRecord>> alsoTell;

	public DeliveringOutput(RunOutput files, DeliveryService delivery, Consumer<List<ActionRecord>> alsoTell) {
		this.files = files;
		this.delivery = delivery;
		this.alsoTell = alsoTell;
	}

	@Override
	public void write(List<ActionRecord> actions, List<StageChange> stageChanges, List<DeliveryNotice> notices,
			List<DeadLetter> deadLetters) throws IOException {
		files.write(actions, stageChanges, notices, deadLetters);
		if (!actions.isEmpty()) {
			alsoTell.accept(actions);
			delivery.submit(actions);
		}
	}

	@Override
	public void flush() throws IOException {
		files.flush();
	}

	@Override
	public OutputPositions sync() throws IOException {
		return files.sync();
	}

	@Override
	public void restore(OutputPositions positions) throws IOException {
		files.restore(positions);
	}

	@Override
	public void close() throws IOException {
		files.close();
	}
}
