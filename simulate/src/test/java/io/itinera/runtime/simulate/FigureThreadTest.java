package io.itinera.runtime.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.itinera.runtime.step.Event;
import io.itinera.runtime.step.StepInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The figures' own thread tallies every step handed over, in the order handed over, and hands back what a tally threw. */
class FigureThreadTest {
	private static Event event(long at) {
		return new Event("c" + (at % 7), at, "view", Map.of());
	}

	@Test
	void talliesEveryStepInTheOrderHandedOverOnItsOwnThread() {
		List<StepInput> tallied = new ArrayList<>();
		List<Thread> threads = new ArrayList<>();
		CustomerTrack[] tracks = {new CustomerTrack("c", 0)};
		FigureThread figures = new FigureThread((t, input, result, missing) -> {
			assertSame(tracks, t);
			tallied.add(input);
			if (threads.isEmpty()) {
				threads.add(Thread.currentThread());
			}
		});
		List<StepInput> handed = new ArrayList<>();
		int steps = FigureThread.BATCH * 3 + 17; // several full batches and a part of one
		for (long at = 0; at < steps; at++) {
			Event input = event(at);
			handed.add(input);
			figures.add(tracks, input, null, null);
		}
		figures.finish();
		assertEquals(handed, tallied);
		assertNotEquals(Thread.currentThread(), threads.get(0));
		figures.finish(); // once finished, again is nothing more
		assertEquals(steps, tallied.size());
	}

	@Test
	void aTallysFailureReachesTheDriversThread() {
		FigureThread figures = new FigureThread((t, input, result, missing) -> {
			throw new IllegalStateException("a result of journey X, which is not simulated");
		});
		for (long at = 0; at < FigureThread.BATCH * 40L; at++) {
			try {
				figures.add(new CustomerTrack[0], event(at), null, null);
			} catch (IllegalStateException e) {
				break; // handed back early: the driver stops
			}
		}
		IllegalStateException failure = assertThrows(IllegalStateException.class, figures::finish);
		assertEquals("a result of journey X, which is not simulated", failure.getMessage());
	}
}
