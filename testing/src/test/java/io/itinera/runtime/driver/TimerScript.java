package io.itinera.runtime.driver;

import io.itinera.runtime.step.CustomerState;
import io.itinera.runtime.step.Event;
import io.itinera.runtime.step.JourneyStep;
import io.itinera.runtime.step.StepInput;
import io.itinera.runtime.step.StepResult;
import io.itinera.runtime.step.TimerRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * A step function for driver tests whose events say which timers to set: a {@code set} event with
 * {@code timers = "b,a"} and {@code in = 3600000} sets timers b then a, both due an hour after it;
 * a {@code cancel} event cancels the named ones. Firings change nothing; the driver's order of
 * inputs is what the tests read.
 */
final class TimerScript implements JourneyStep {
	@Override
	public CustomerState initialState(String customerId) {
		return CustomerState.initial(customerId);
	}

	@Override
	public StepResult apply(CustomerState state, StepInput input) {
		List<TimerRequest> set = new ArrayList<>();
		List<String> cancel = new ArrayList<>();
		if (input instanceof Event event) {
			String[] names = String.valueOf(event.fields().getOrDefault("timers", "")).split(",");
			for (String name : names) {
				if (name.isEmpty()) {
					continue;
				}
				if (event.type().equals("set")) {
					long in = ((Number) event.fields().get("in")).longValue();
					set.add(new TimerRequest(event.customerId(), name, event.at() + in));
				} else if (event.type().equals("cancel")) {
					cancel.add(name);
				}
			}
		}
		return new StepResult(state, List.of(), set, cancel, List.of(), List.of());
	}

	static Event set(String customer, long at, String timers, long in) {
		return new Event(customer, at, "set", java.util.Map.of("timers", timers, "in", in));
	}

	static Event cancel(String customer, long at, String timers) {
		return new Event(customer, at, "cancel", java.util.Map.of("timers", timers));
	}
}
