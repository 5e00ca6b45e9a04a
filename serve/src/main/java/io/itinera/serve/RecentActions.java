package io.itinera.serve;

import io.itinera.runtime.step.ActionRecord;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The last few actions of recently active customers, for {@code GET /v1/customers/{id}} (since the server started). */
final class RecentActions {
	private static final int PER_CUSTOMER = 10;
	private static final int CUSTOMERS = 100_000;

	private final Map<String, Deque<ActionRecord>> byCustomer = new LinkedHashMap<>(1024, 0.75f, true) {
		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Deque<ActionRecord>> eldest) {
			return size() > CUSTOMERS;
		}
	};

	synchronized void add(List<ActionRecord> actions) {
		for (ActionRecord action : actions) {
			Deque<ActionRecord> recent = byCustomer.computeIfAbsent(action.customerId(), id -> new ArrayDeque<>());
			recent.addFirst(action);
			if (recent.size() > PER_CUSTOMER) {
				recent.removeLast();
			}
		}
	}

	synchronized List<ActionRecord> of(String customerId) {
		Deque<ActionRecord> recent = byCustomer.get(customerId);
		return recent == null ? List.of() : List.copyOf(recent);
	}

	synchronized void forget(String customerId) {
		byCustomer.remove(customerId);
	}
}
