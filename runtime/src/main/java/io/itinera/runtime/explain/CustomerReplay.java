package io.itinera.runtime.explain;

import io.itinera.runtime.delivery.DeliverySettings;
import io.itinera.runtime.driver.CustomerSlot;
import io.itinera.runtime.driver.DriverSettings;
import io.itinera.runtime.driver.StepDriver;
import io.itinera.runtime.driver.StoredCustomers;
import io.itinera.runtime.plan.EventType;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.rules.CampaignRules;
import io.itinera.runtime.rules.RuleTrace;
import io.itinera.runtime.scoring.Scorer;
import io.itinera.runtime.step.ActionRecord;
import io.itinera.runtime.step.CustomerState;
import io.itinera.runtime.step.Event;
import io.itinera.runtime.step.PlanStep;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One customer's inputs replayed through the same {@link StepDriver} and {@link PlanStep} a run
 * uses, with the rules traced: the step function is pure and per customer, so this rebuilds
 * exactly what the run did for them, and says why. Offer it every event of the log in order; it
 * keeps the customer's own.
 */
public final class CustomerReplay {
	/** The customer's timeline, the actions written for them, and their state at the end (null when never seen). */
	public record Result(String customerId, List<TimelineEntry> timeline, List<ActionRecord> actions, CustomerState state) {
	}

	private final String customerId;
	private final Set<String> declaredEvents = new HashSet<>();
	private final boolean declaredEventsOnly;
	private final StepDriver driver;
	private final TimelineRecorder recorder;

	/**
	 * @param declaredEventsOnly true as the simulator does (it hands a journey only the events it
	 *        declares), false as {@code run} does (every event of the customer reaches the driver)
	 */
	public CustomerReplay(String customerId, JourneyPlan plan, CampaignRules rules, Scorer scorer, DeliverySettings delivery,
			DriverSettings settings, boolean declaredEventsOnly) {
		this.customerId = customerId;
		this.declaredEventsOnly = declaredEventsOnly;
		for (EventType event : plan.events()) {
			declaredEvents.add(event.name());
		}
		RuleTrace trace = new RuleTrace(rules);
		PlanStep step = new PlanStep(plan, trace, delivery);
		this.recorder = new TimelineRecorder(plan, step, trace, delivery);
		this.driver = new StepDriver(step, settings.withWallClock(false), scorer, StoredCustomers.NONE, recorder);
	}

	/** An event of the log with its line number: applied when it is the customer's (and, as the host would, the journey's). */
	public void offer(Event event, long line) {
		if (!customerId.equals(event.customerId()) || (declaredEventsOnly && !declaredEvents.contains(event.type()))) {
			return;
		}
		driver.onEvent(event, line);
	}

	/** The end of the replay at {@code end}, as the run's: held events are applied and timers due by then fire. */
	public Result finish(long end) {
		driver.finish(end);
		CustomerState state = null;
		for (CustomerSlot slot : driver.customers()) {
			if (slot.customerId().equals(customerId)) {
				state = slot.state();
			}
		}
		return new Result(customerId, List.copyOf(recorder.entries()), List.copyOf(recorder.actions()), state);
	}
}
