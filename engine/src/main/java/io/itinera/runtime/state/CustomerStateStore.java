package io.itinera.runtime.state;

import io.itinera.runtime.driver.StoredCustomers;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Where customers, run progress and the ledger of written actions live between checkpoints and
 * across restarts. The engine keeps its working set in memory and hands the store a
 * {@link Checkpoint} at a time; a store applies a checkpoint all or nothing. Customers are stored
 * as the driver encodes them ({@code io.itinera.runtime.driver.SlotCodec}).
 */
public interface CustomerStateStore extends StoredCustomers, AutoCloseable {
	/** Every committed customer: id and encoded slot. */
	void forEachCustomer(BiConsumer<String, byte[]> customer);

	/** Whether the store holds any customer (a first run reads them back: profiles loaded before it). */
	default boolean holdsCustomers() {
		return progress().isPresent();
	}

	/** Whether an action with this id was committed by an earlier run. */
	boolean actionWritten(String actionId);

	/** The progress of the last committed checkpoint, empty for a fresh store. */
	Optional<RunProgress> progress();

	/** The plan (its JSON) the committed state belongs to, empty for a fresh store or one written before plans were kept. */
	Optional<String> planJson();

	/**
	 * The older versions of the plan that customers of the state still run on (JSON, see
	 * the change package's PinnedPlans), empty when every customer is of {@link #planJson()}.
	 */
	Optional<String> pinnedPlansJson();

	void commit(Checkpoint checkpoint);

	/**
	 * The last checkpoint of a run that ends: as durable as {@link #commit} when it returns, but a store
	 * may get there by writing its tables at once rather than through its log first.
	 */
	default void commitLast(Checkpoint checkpoint) {
		commit(checkpoint);
	}

	/**
	 * What the run reads and how (a small JSON record: log, mapping, options), kept so that one
	 * customer can be replayed later ({@code itinera explain}); empty when none was saved.
	 */
	default Optional<String> runInputs() {
		return Optional.empty();
	}

	/** Saves {@link #runInputs()}, durably; a store that does not outlive the process may ignore it. */
	default void saveRunInputs(String json) {
	}

	/**
	 * Rewrites every committed customer and then commits {@code then}'s checkpoint, all in one atomic
	 * write (a migration to a new version of the journey). {@code customer} returns the new record
	 * of a customer, or null to leave them as they are; it is called for every customer before
	 * {@code then}. When {@code then} returns null, nothing is written.
	 *
	 * @return whether anything was written
	 */
	boolean rewriteAll(BiFunction<String, byte[], CustomerRecord> customer, Supplier<Checkpoint> then);

	/** Whether the store outlives the process (a restart resumes from it). */
	boolean durable();

	@Override
	void close();
}
