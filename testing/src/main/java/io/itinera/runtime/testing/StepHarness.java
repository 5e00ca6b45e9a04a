package io.itinera.runtime.testing;

import io.itinera.runtime.driver.CustomerSlot;
import io.itinera.runtime.driver.DriverSettings;
import io.itinera.runtime.driver.StepDriver;
import io.itinera.runtime.driver.StepListener;
import io.itinera.runtime.driver.StoredCustomers;
import io.itinera.runtime.driver.TimerOrder;
import io.itinera.runtime.scoring.Scorer;
import io.itinera.runtime.step.ActionRecord;
import io.itinera.runtime.step.CustomerState;
import io.itinera.runtime.step.Event;
import io.itinera.runtime.step.JourneyStep;
import io.itinera.runtime.step.StageChange;
import io.itinera.runtime.step.StepInput;
import io.itinera.runtime.step.StepResult;
import io.itinera.runtime.step.TimerRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Drives a step function through the real {@link StepDriver}, as a host does, for tests and
 * measurements: feed events, move event time on, read what each input did (actions, stage changes,
 * timers still pending). Like Flink's operator test harnesses, it wraps the very driver every host
 * runs, so what it shows is what {@code run}, {@code simulate} and the Flink job do with the same
 * inputs: the same order of a customer's inputs, the same {@link TimerOrder} for timers due at one
 * instant. Journey tests ({@link JourneyTestRunner}) run on it.
 *
 * <p>An input the step fails on is thrown from the call that fed it. Not thread-safe.
 */
public final class StepHarness {
	/** One input applied to a customer and what the step decided. */
	public record Applied(String customerId, StepInput input, StepResult result) {
	}

	/** An event that came earlier than an input already applied to its customer: not applied. */
	public record LateEvent(Event event, long line, long customerClock) {
	}

	private final StepDriver driver;
	private final List<Applied> applied = new ArrayList<>();
	private final List<LateEvent> late = new ArrayList<>();
	private long lines;

	private StepHarness(JourneyStep step, Scorer scorer, DriverSettings settings) {
		this.driver = new StepDriver(step, settings, scorer, StoredCustomers.NONE, new Recorder());
	}

	/**
	 * A harness for a test that gives scores itself: replay time, no lateness (each event is applied
	 * when fed), and the step's score requests left unanswered.
	 */
	public static StepHarness of(JourneyStep step) {
		return new StepHarness(new UnansweredScores(step), null, DriverSettings.replay().withLateness(0));
	}

	/** A harness with a scorer for the step's models and the driver settings a host would use. */
	public static StepHarness of(JourneyStep step, Scorer scorer, DriverSettings settings) {
		return new StepHarness(step, scorer, settings);
	}

	/** Feeds an event, as the next line of the input (lines count from 1). */
	public StepHarness event(Event event) {
		driver.onEvent(event, ++lines);
		return this;
	}

	/**
	 * Event time {@code time} has passed for every customer the harness has seen (a watermark): what
	 * waits for them up to then is applied, customers in the order of their next due time (then id),
	 * each customer's timers in {@link TimerOrder}.
	 */
	public StepHarness advanceTo(long time) {
		while (true) {
			CustomerSlot next = null;
			for (CustomerSlot slot : driver.customers()) {
				long due = slot.nextDue();
				if (due <= time && (next == null || due < next.nextDue()
						|| due == next.nextDue() && slot.customerId().compareTo(next.customerId()) < 0)) {
					next = slot;
				}
			}
			if (next == null) {
				driver.drainScores();
				return this;
			}
			driver.advanceCustomer(next.customerId(), next.nextDue());
		}
	}

	/** Moves event time on for one customer only. */
	public StepHarness advanceCustomer(String customerId, long time) {
		driver.advanceCustomer(customerId, time);
		return this;
	}

	/** The end of a replay at {@code end}: held events are applied, then every timer due by then fires. */
	public StepHarness finish(long end) {
		driver.finish(end);
		return this;
	}

	/**
	 * A change made to the customer outside the step function (a journey test placing them in a
	 * stage): taken as a step's result is, and recorded with a null input.
	 */
	public StepHarness take(String customerId, StepResult result) {
		driver.takeResult(customerId, result);
		applied.add(new Applied(customerId, null, result));
		return this;
	}

	/** The customer's state now (new customers start in the step's initial state). */
	public CustomerState state(String customerId) {
		return driver.customer(customerId).state();
	}

	/** The customer's pending timers, in the order they will fire. */
	public List<TimerRequest> timers(String customerId) {
		List<TimerRequest> timers = new ArrayList<>(driver.customer(customerId).timers());
		timers.sort(TimerOrder.FIRING);
		return timers;
	}

	/** The inputs applied since the last {@link #takeApplied()}, in the order they were applied. */
	public List<Applied> applied() {
		return Collections.unmodifiableList(applied);
	}

	/** As {@link #applied()}, and forgets them (a long run reads its results as it goes). */
	public List<Applied> takeApplied() {
		List<Applied> taken = List.copyOf(applied);
		applied.clear();
		return taken;
	}

	/** The actions of {@link #applied()}, in order. */
	public List<ActionRecord> actions() {
		List<ActionRecord> actions = new ArrayList<>();
		applied.forEach(a -> actions.addAll(a.result().actions()));
		return actions;
	}

	/** The stage changes of {@link #applied()}, in order. */
	public List<StageChange> stageChanges() {
		List<StageChange> changes = new ArrayList<>();
		applied.forEach(a -> changes.addAll(a.result().stageChanges()));
		return changes;
	}

	public List<LateEvent> lateEvents() {
		return Collections.unmodifiableList(late);
	}

	/** The driver itself, for what the harness does not say (counters, customers in memory). */
	public StepDriver driver() {
		return driver;
	}

	private final class Recorder implements StepListener {
		@Override
		public void onStep(CustomerSlot customer, StepInput input, StepResult result) {
			applied.add(new Applied(customer.customerId(), input, result));
		}

		@Override
		public void onLateEvent(Event event, long line, long customerClock, long lateness) {
			late.add(new LateEvent(event, line, customerClock));
		}

		@Override
		public void onFailedInput(StepInput input, long line, RuntimeException error) {
			throw error;
		}
	}
}
