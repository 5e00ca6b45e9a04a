package io.itinera.runtime.simulate;

import io.itinera.runtime.step.CustomerState;
import io.itinera.runtime.step.TimerRequest;
import java.util.Arrays;
import java.util.List;

/**
 * One customer during a replay: the journey state the step function returns, the timers it asked
 * for (fired by the simulator in event time), and the little the report needs to count customers
 * rather than occurrences. Small and fixed in size, so memory grows with customers, not events.
 */
final class CustomerTrack {
	static final long NEVER = Long.MIN_VALUE;

	final String customerId;
	CustomerState state;
	private String[] timerIds = new String[2];
	private long[] timerDue = new long[2];
	private int timerCount;
	/** Score requests sent to the scorer whose answers have not come back yet. */
	int awaitingScores;

	/** Bit i: the customer has entered stage i (the first 64 stages). */
	long stagesEntered;
	/** Bit i: the customer has taken edge i (the first 64 edges). */
	long edgesTaken;
	long visitStart = NEVER;
	boolean visitConverted;
	boolean everConverted;
	/** Per split: the arm index, or -1 before the customer reaches the split's stage. */
	byte[] splitArms;
	/** Bit i: converted after being assigned in split i. */
	long splitsConverted;
	long messageDay = NEVER;
	int messagesThatDay;

	CustomerTrack(String customerId, CustomerState state, int splitCount) {
		this.customerId = customerId;
		this.state = state;
		this.splitArms = new byte[splitCount];
		Arrays.fill(splitArms, (byte) -1);
	}

	void setTimers(List<TimerRequest> requests) {
		for (TimerRequest request : requests) {
			cancelTimer(request.timerId());
			if (timerCount == timerIds.length) {
				timerIds = Arrays.copyOf(timerIds, timerCount * 2);
				timerDue = Arrays.copyOf(timerDue, timerCount * 2);
			}
			timerIds[timerCount] = request.timerId();
			timerDue[timerCount] = request.dueAt();
			timerCount++;
		}
	}

	void cancelTimers(List<String> ids) {
		for (String id : ids) {
			cancelTimer(id);
		}
	}

	private void cancelTimer(String id) {
		for (int i = 0; i < timerCount; i++) {
			if (timerIds[i].equals(id)) {
				removeTimer(i);
				return;
			}
		}
	}

	private void removeTimer(int index) {
		timerCount--;
		System.arraycopy(timerIds, index + 1, timerIds, index, timerCount - index);
		System.arraycopy(timerDue, index + 1, timerDue, index, timerCount - index);
		timerIds[timerCount] = null;
	}

	/** The index of the earliest timer due at or before {@code until}, or -1. Ties go to the one set first. */
	int dueTimer(long until) {
		int best = -1;
		for (int i = 0; i < timerCount; i++) {
			if (timerDue[i] <= until && (best < 0 || timerDue[i] < timerDue[best])) {
				best = i;
			}
		}
		return best;
	}

	/** Removes the timer at {@code index} and returns {id, due}. */
	TimerRequest takeTimer(int index) {
		TimerRequest timer = new TimerRequest(customerId, timerIds[index], timerDue[index]);
		removeTimer(index);
		return timer;
	}

	int pendingTimers() {
		return timerCount;
	}
}
