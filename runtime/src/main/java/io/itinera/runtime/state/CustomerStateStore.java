package io.itinera.runtime.state;

import io.itinera.runtime.step.CustomerState;
import io.itinera.runtime.step.TimerRequest;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where customer states, pending timers and run progress live between checkpoints and across
 * restarts. The engine keeps its working set in memory and hands the store a {@link Checkpoint}
 * at a time; a store applies a checkpoint all or nothing.
 */
public interface CustomerStateStore extends AutoCloseable {
	/** The committed state of a customer, or null if none was ever committed. */
	CustomerState load(String customerId);

	/** Every committed pending timer (to rebuild the timer queues on restart). */
	void forEachTimer(Consumer<TimerRequest> timer);

	/** Every committed customer state. */
	void forEachState(Consumer<CustomerState> state);

	/** Whether an action with this id was committed by an earlier run. */
	boolean actionWritten(String actionId);

	/** The progress of the last committed checkpoint, empty for a fresh store. */
	Optional<RunProgress> progress();

	void commit(Checkpoint checkpoint);

	/** Whether the store outlives the process (a restart resumes from it). */
	boolean durable();

	@Override
	void close();
}
