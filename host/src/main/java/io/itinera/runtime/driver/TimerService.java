package io.itinera.runtime.driver;

import io.itinera.runtime.step.TimerRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pending timers of one partition: a binary min-heap ordered by (due, customer, timer id), so
 * the firing order is the same however customers are spread over partitions and, for each customer,
 * the {@link TimerOrder} their slot fires by; and a per-customer
 * chain for setting, replacing and cancelling. Cancelling is lazy: the heap entry is only marked
 * and dropped when it reaches the top (or when cancelled entries outnumber live ones, the heap
 * is compacted). Not thread-safe: one partition worker owns it.
 */
final class TimerService {
	private static final class Entry {
		final long due;
		final String customerId;
		final String timerId;
		boolean cancelled;
		Entry nextOfCustomer;

		Entry(long due, String customerId, String timerId) {
			this.due = due;
			this.customerId = customerId;
			this.timerId = timerId;
		}
	}

	private Entry[] heap = new Entry[1024];
	private int heapSize;
	private int cancelledInHeap;
	private final Map<String, Entry> byCustomer = new HashMap<>();

	/** Sets a timer, replacing one of the same id for the customer. */
	void set(String customerId, String timerId, long due) {
		Entry head = unlink(customerId, timerId);
		Entry entry = new Entry(due, customerId, timerId);
		entry.nextOfCustomer = head;
		byCustomer.put(customerId, entry);
		push(entry);
	}

	void cancel(String customerId, String timerId) {
		Entry head = unlink(customerId, timerId);
		if (head == null) {
			byCustomer.remove(customerId);
		} else {
			byCustomer.put(customerId, head);
		}
	}

	/** The due time of the earliest live timer, or Long.MAX_VALUE when none is pending. */
	long nextDue() {
		dropCancelledTop();
		return heapSize == 0 ? Long.MAX_VALUE : heap[0].due;
	}

	/** Removes and returns the earliest timer if it is due at or before {@code time}, else null. */
	TimerRequest pollDue(long time) {
		dropCancelledTop();
		if (heapSize == 0 || heap[0].due > time) {
			return null;
		}
		Entry entry = pop();
		removeFromChain(entry);
		return new TimerRequest(entry.customerId, entry.timerId, entry.due);
	}

	/** The customer's pending timers, for a checkpoint. */
	List<TimerRequest> pendingFor(String customerId) {
		List<TimerRequest> pending = new ArrayList<>(2);
		for (Entry e = byCustomer.get(customerId); e != null; e = e.nextOfCustomer) {
			pending.add(new TimerRequest(customerId, e.timerId, e.due));
		}
		pending.sort(TimerOrder.FIRING);
		return pending;
	}

	int size() {
		return heapSize - cancelledInHeap;
	}

	private void removeFromChain(Entry fired) {
		Entry head = byCustomer.get(fired.customerId);
		if (head == fired) {
			head = fired.nextOfCustomer;
		} else {
			for (Entry e = head; e != null; e = e.nextOfCustomer) {
				if (e.nextOfCustomer == fired) {
					e.nextOfCustomer = fired.nextOfCustomer;
					break;
				}
			}
		}
		if (head == null) {
			byCustomer.remove(fired.customerId);
		} else {
			byCustomer.put(fired.customerId, head);
		}
	}

	/** Unlinks (and marks cancelled) the customer's timer with this id; returns the chain's new head. */
	private Entry unlink(String customerId, String timerId) {
		Entry head = byCustomer.get(customerId);
		Entry previous = null;
		for (Entry e = head; e != null; previous = e, e = e.nextOfCustomer) {
			if (e.timerId.equals(timerId)) {
				e.cancelled = true;
				cancelledInHeap++;
				if (previous == null) {
					head = e.nextOfCustomer;
				} else {
					previous.nextOfCustomer = e.nextOfCustomer;
				}
				break;
			}
		}
		if (cancelledInHeap > 4096 && cancelledInHeap > heapSize / 2) {
			compact();
		}
		return head;
	}

	private void dropCancelledTop() {
		while (heapSize > 0 && heap[0].cancelled) {
			pop();
			cancelledInHeap--;
		}
	}

	private void compact() {
		int live = 0;
		for (int i = 0; i < heapSize; i++) {
			if (!heap[i].cancelled) {
				heap[live++] = heap[i];
			}
		}
		Arrays.fill(heap, live, heapSize, null);
		heapSize = live;
		cancelledInHeap = 0;
		for (int i = heapSize / 2 - 1; i >= 0; i--) {
			siftDown(i);
		}
	}

	private void push(Entry entry) {
		if (heapSize == heap.length) {
			heap = Arrays.copyOf(heap, heap.length * 2);
		}
		heap[heapSize] = entry;
		siftUp(heapSize++);
	}

	private Entry pop() {
		Entry top = heap[0];
		heap[0] = heap[--heapSize];
		heap[heapSize] = null;
		if (heapSize > 0) {
			siftDown(0);
		}
		return top;
	}

	private void siftUp(int index) {
		Entry entry = heap[index];
		while (index > 0) {
			int parent = (index - 1) >>> 1;
			if (!before(entry, heap[parent])) {
				break;
			}
			heap[index] = heap[parent];
			index = parent;
		}
		heap[index] = entry;
	}

	private void siftDown(int index) {
		Entry entry = heap[index];
		int half = heapSize >>> 1;
		while (index < half) {
			int child = 2 * index + 1;
			int right = child + 1;
			if (right < heapSize && before(heap[right], heap[child])) {
				child = right;
			}
			if (!before(heap[child], entry)) {
				break;
			}
			heap[index] = heap[child];
			index = child;
		}
		heap[index] = entry;
	}

	private static boolean before(Entry a, Entry b) {
		if (a.due != b.due) {
			return a.due < b.due;
		}
		int byCustomer = a.customerId.compareTo(b.customerId);
		return byCustomer != 0 ? byCustomer < 0 : a.timerId.compareTo(b.timerId) < 0;
	}
}
