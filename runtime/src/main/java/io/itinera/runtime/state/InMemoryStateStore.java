package io.itinera.runtime.state;

import io.itinera.runtime.step.CustomerState;
import io.itinera.runtime.step.TimerRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** A store in the heap, with the same checkpoint semantics as the durable one: for tests and runs that need no restart. */
public final class InMemoryStateStore implements CustomerStateStore {
	private final Map<String, byte[]> states = new ConcurrentHashMap<>();
	private final Map<String, List<TimerRequest>> timers = new ConcurrentHashMap<>();
	private final Map<String, Boolean> actionIds = new ConcurrentHashMap<>();
	private volatile RunProgress progress;

	@Override
	public CustomerState load(String customerId) {
		byte[] bytes = states.get(customerId);
		return bytes == null ? null : CustomerState.fromBytes(bytes);
	}

	@Override
	public void forEachTimer(Consumer<TimerRequest> timer) {
		timers.values().forEach(list -> list.forEach(timer));
	}

	@Override
	public void forEachState(Consumer<CustomerState> state) {
		states.values().forEach(bytes -> state.accept(CustomerState.fromBytes(bytes)));
	}

	@Override
	public boolean actionWritten(String actionId) {
		return actionIds.containsKey(actionId);
	}

	@Override
	public Optional<RunProgress> progress() {
		return Optional.ofNullable(progress);
	}

	@Override
	public synchronized void commit(Checkpoint checkpoint) {
		states.putAll(checkpoint.states());
		checkpoint.timers().forEach((customer, pending) -> {
			if (pending.isEmpty()) {
				timers.remove(customer);
			} else {
				timers.put(customer, List.copyOf(pending));
			}
		});
		checkpoint.actionIds().forEach(id -> actionIds.put(id, Boolean.TRUE));
		progress = checkpoint.progress();
	}

	@Override
	public boolean durable() {
		return false;
	}

	public int size() {
		return states.size();
	}

	/** Bytes of serialised customer state held. */
	public long stateBytes() {
		return states.values().stream().mapToLong(bytes -> bytes.length).sum();
	}

	@Override
	public void close() {
	}
}
