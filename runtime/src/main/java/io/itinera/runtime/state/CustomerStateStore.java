package io.itinera.runtime.state;

import io.itinera.runtime.driver.StoredCustomers;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Where customers, run progress and the ledger of written actions live between checkpoints and
 * across restarts. The engine keeps its working set in memory and hands the store a
 * {@link Checkpoint} at a time; a store applies a checkpoint all or nothing. Customers are stored
 * as the driver encodes them ({@code io.itinera.runtime.driver.SlotCodec}).
 */
public interface CustomerStateStore extends StoredCustomers, AutoCloseable {
	/** Every committed customer: id and encoded slot. */
	void forEachCustomer(BiConsumer<String, byte[]> customer);

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
