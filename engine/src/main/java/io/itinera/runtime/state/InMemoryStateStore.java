package io.itinera.runtime.state;

import io.itinera.runtime.erasure.ErasedCustomers;
import io.itinera.runtime.driver.CustomerSlice;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.function.Consumer;

/** A store in the heap, with the same checkpoint semantics as the durable one: for tests and runs that need no restart. */
public final class InMemoryStateStore implements CustomerStateStore {
	private final Map<String, byte[]> customers = new ConcurrentHashMap<>();
	private final ErasedCustomers erased = ErasedCustomers.fresh(null);
	private final Set<String> withPendingWork = ConcurrentHashMap.newKeySet();
	private final Set<String> actionIds = ConcurrentHashMap.newKeySet();
	private volatile RunProgress progress;
	private volatile String plan;
	private volatile String pinnedPlans;

	@Override
	public byte[] load(String customerId) {
		return customers.get(customerId);
	}

	@Override
	public void forEachWithPendingWork(CustomerSlice slice, Consumer<String> customerId) {
		for (String id : withPendingWork) {
			if (slice.contains(id)) {
				customerId.accept(id);
			}
		}
	}

	@Override
	public void forEachCustomer(BiConsumer<String, byte[]> customer) {
		customers.forEach(customer);
	}

	@Override
	public boolean actionWritten(String actionId) {
		return actionIds.contains(actionId);
	}

	@Override
	public ErasedCustomers erasedCustomers() {
		return erased;
	}

	@Override
	public Optional<RunProgress> progress() {
		return Optional.ofNullable(progress);
	}

	@Override
	public synchronized void commit(Checkpoint checkpoint) {
		checkpoint.customers().forEach((customer, record) -> {
			if (record.erased()) {
				customers.remove(customer);
			} else {
				customers.put(customer, record.bytes());
			}
			if (record.pendingWork()) {
				withPendingWork.add(customer);
			} else {
				withPendingWork.remove(customer);
			}
		});
		actionIds.addAll(checkpoint.actionIds());
		progress = checkpoint.progress();
		if (checkpoint.plan() != null) {
			plan = checkpoint.plan();
		}
		if (checkpoint.pinnedPlans() != null) {
			pinnedPlans = checkpoint.pinnedPlans();
		}
	}

	@Override
	public Optional<String> pinnedPlansJson() {
		return Optional.ofNullable(pinnedPlans);
	}

	@Override
	public Optional<String> planJson() {
		return Optional.ofNullable(plan);
	}

	@Override
	public synchronized boolean rewriteAll(BiFunction<String, byte[], CustomerRecord> customer, Supplier<Checkpoint> then) {
		Map<String, CustomerRecord> rewritten = new java.util.HashMap<>();
		customers.forEach((id, bytes) -> {
			CustomerRecord record = customer.apply(id, bytes);
			if (record != null) {
				rewritten.put(id, record);
			}
		});
		Checkpoint checkpoint = then.get();
		if (checkpoint == null) {
			return false;
		}
		Map<String, CustomerRecord> all = new java.util.HashMap<>(rewritten);
		all.putAll(checkpoint.customers());
		commit(new Checkpoint(checkpoint.progress(), all, checkpoint.actionIds(), checkpoint.plan(), checkpoint.pinnedPlans()));
		return true;
	}

	@Override
	public boolean durable() {
		return false;
	}

	public int size() {
		return customers.size();
	}

	/** Bytes of encoded customers held. */
	public long stateBytes() {
		return customers.values().stream().mapToLong(bytes -> bytes.length).sum();
	}

	@Override
	public void close() {
	}
}
