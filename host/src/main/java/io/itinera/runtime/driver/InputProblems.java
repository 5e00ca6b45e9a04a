package io.itinera.runtime.driver;

import io.itinera.runtime.io.DeadLetter;
import io.itinera.runtime.step.Event;
import io.itinera.runtime.step.StepInput;
import io.itinera.runtime.step.TimerFired;
import java.time.Duration;
import java.time.Instant;

/** The dead letters a driver's inputs can become, worded the same for every host. */
public final class InputProblems {
	private InputProblems() {
	}

	public static DeadLetter late(Event event, long line, long customerClock, long lateness) {
		return new DeadLetter(line, "late event: it happened at " + Instant.ofEpochMilli(event.at()) + ", but customer "
				+ event.customerId() + "'s inputs up to " + Instant.ofEpochMilli(customerClock)
				+ " were already applied (events out of order by at most " + words(lateness)
				+ " are put back in order; raise --lateness to allow more)", describe(event));
	}

	public static DeadLetter failed(StepInput input, long line, RuntimeException error) {
		String kind = input instanceof Event ? "event" : input instanceof TimerFired ? "timer" : "score";
		return new DeadLetter(line, "the journey step failed on this " + kind + ": " + error, String.valueOf(input));
	}

	private static String describe(Event event) {
		return event.customerId() + "," + Instant.ofEpochMilli(event.at()) + "," + event.type() + "," + event.fields();
	}

	private static String words(long millis) {
		return Duration.ofMillis(millis).toString().substring(2).toLowerCase();
	}
}
