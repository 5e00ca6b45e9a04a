package io.itinera.flink;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Each customer's earliest wake-up timer registered and not yet fired, for at most {@code limit}
 * customers: a later due time needs no timer of its own, as that one fires first and registers the
 * next. Forgetting a customer is always safe: their next due time is registered again (Flink keeps
 * one timer a time and key, and a wake-up with nothing due does nothing), so past the limit the
 * customers entered first are forgotten. Unbounded, the map held every customer with a pending
 * timer: at 10M customers a subtask's heap was spent on it.
 */
final class WakeUpTimes {
	private final Map<String, Long> earliest;

	WakeUpTimes(int limit) {
		this.earliest = new LinkedHashMap<>() {
			private static final long serialVersionUID = 1L;

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
				return size() > limit;
			}
		};
	}

	/** Whether the customer needs a timer at {@code due} (none as early is known to wait); if so, it is taken as registered. */
	boolean claim(String customerId, long due) {
		Long known = earliest.get(customerId);
		if (known != null && known <= due) {
			return false;
		}
		earliest.put(customerId, due);
		return true;
	}

	/** The customer's timer at {@code time} fired. */
	void fired(String customerId, long time) {
		Long known = earliest.get(customerId);
		if (known != null && known == time) {
			earliest.remove(customerId);
		}
	}

	void forget(String customerId) {
		earliest.remove(customerId);
	}

	int size() {
		return earliest.size();
	}
}
