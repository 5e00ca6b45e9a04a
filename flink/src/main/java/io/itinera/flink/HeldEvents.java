package io.itinera.flink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;

/**
 * The events a subtask holds back until the weights of their epoch are known ({@link LearningEpochs}):
 * per customer, in keyed state (so they move with their customer when the job is rescaled), in the
 * order they came; the customers who have some are kept in memory, and found again in the keyed state
 * after a restore.
 */
final class HeldEvents {
	static final String STATE = "held-for-epoch";

	private final ListState<byte[]> state;
	private final KeyedStateBackend<String> keys;
	private final Set<String> customers = new LinkedHashSet<>();

	HeldEvents(ListState<byte[]> state, KeyedStateBackend<String> keys) {
		this.state = state;
		this.keys = keys;
		try (Stream<String> held = keys.getKeys(STATE, VoidNamespace.INSTANCE)) {
			held.forEach(customers::add);
		}
	}

	void hold(EventRecord event) {
		keys.setCurrentKey(event.customerId);
		try {
			state.add(ByteBuffer.allocate(16 + event.event.length).putLong(event.at).putLong(event.line).put(event.event).array());
		} catch (Exception e) {
			throw new IllegalStateException("cannot hold an event for its epoch: " + e.getMessage(), e);
		}
		customers.add(event.customerId);
	}

	/** Takes every held event before {@code bound} out of the state and hands it over, customer by customer. */
	List<EventRecord> takeBefore(long bound) {
		List<EventRecord> due = new ArrayList<>();
		for (String customer : List.copyOf(customers)) {
			keys.setCurrentKey(customer);
			List<byte[]> kept = new ArrayList<>();
			try {
				for (byte[] bytes : state.get()) {
					ByteBuffer buffer = ByteBuffer.wrap(bytes);
					long at = buffer.getLong();
					long line = buffer.getLong();
					if (at < bound) {
						byte[] event = new byte[buffer.remaining()];
						buffer.get(event);
						due.add(new EventRecord(customer, at, line, event));
					} else {
						kept.add(bytes);
					}
				}
				if (kept.isEmpty()) {
					state.clear();
					customers.remove(customer);
				} else {
					state.update(kept);
				}
			} catch (Exception e) {
				throw new UncheckedIOException(new IOException("cannot read the events held for an epoch: " + e.getMessage(), e));
			}
		}
		return due;
	}

	/** An erased customer's held events go with them. */
	void forget(String customer) {
		if (customers.remove(customer)) {
			keys.setCurrentKey(customer);
			state.clear();
		}
	}
}
