package io.itinera.runtime.explain;

import io.itinera.runtime.assembly.AssembledJourney;
import io.itinera.runtime.assembly.AssembledWorkspace;
import io.itinera.runtime.driver.CustomerSlot;
import io.itinera.runtime.driver.DriverSettings;
import io.itinera.runtime.driver.StepDriver;
import io.itinera.runtime.driver.StoredCustomers;
import io.itinera.runtime.plan.EventType;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.rules.RuleTrace;
import io.itinera.runtime.scoring.Scorer;
import io.itinera.runtime.step.ActionRecord;
import io.itinera.runtime.step.CustomerState;
import io.itinera.runtime.step.Event;
import io.itinera.runtime.step.JourneyStep;
import io.itinera.runtime.step.PlanStep;
import io.itinera.runtime.workspace.WorkspaceStep;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One customer's inputs replayed through the same {@link StepDriver} and step function a run uses
 * ({@link PlanStep}, or a workspace's {@link WorkspaceStep}), with the rules traced: the step
 * function is pure and per customer, so this rebuilds exactly what the run did for them, and says
 * why. Offer it every event of the log in order; it keeps the customer's own.
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
	 * One journey alone, as it was assembled for the run.
	 *
	 * @param declaredEventsOnly true as the simulator does (it hands a journey only the events it
	 *        declares), false as {@code run} does (every event of the customer reaches the driver)
	 */
	public static CustomerReplay ofJourney(String customerId, AssembledJourney journey, DriverSettings settings,
			boolean declaredEventsOnly) {
		RuleTrace trace = new RuleTrace(journey.rules());
		PlanStep step = journey.newStep(trace);
		TimelineRecorder recorder = new TimelineRecorder(List.of(new TimelineRecorder.TracedJourney(journey.plan(), step, trace, journey.splitWeights())),
				false);
		return new CustomerReplay(customerId, journey.plans(), step, recorder, journey.scorer(), settings, declaredEventsOnly);
	}

	/**
	 * The journeys of a workspace, as {@code run DIR} and {@code simulate DIR} run them: one step, shared
	 * caps and quiet hours, priorities ({@code declaredEventsOnly}: as for one journey, the simulator's way).
	 */
	public static CustomerReplay ofWorkspace(String customerId, AssembledWorkspace workspace, DriverSettings settings,
			boolean declaredEventsOnly) {
		List<TimelineRecorder.TracedJourney> traced = new ArrayList<>();
		WorkspaceStep step = workspace.newStep(journey -> {
			RuleTrace trace = new RuleTrace(journey.rules());
			PlanStep journeyStep = journey.newStep(trace);
			traced.add(new TimelineRecorder.TracedJourney(journey.plan(), journeyStep, trace, journey.splitWeights()));
			return journeyStep;
		});
		traced.sort((a, b) -> WorkspaceStep.ORDER.compare(a.step(), b.step()));
		return new CustomerReplay(customerId, workspace.plans(), step, new TimelineRecorder(traced, true), workspace.scorer(),
				settings, declaredEventsOnly);
	}

	private CustomerReplay(String customerId, List<JourneyPlan> plans, JourneyStep step, TimelineRecorder recorder, Scorer scorer,
			DriverSettings settings, boolean declaredEventsOnly) {
		this.customerId = customerId;
		this.declaredEventsOnly = declaredEventsOnly;
		for (JourneyPlan plan : plans) {
			for (EventType event : plan.events()) {
				declaredEvents.add(event.name());
			}
		}
		this.recorder = recorder;
		this.driver = new StepDriver(step, settings.withWallClock(false), scorer, StoredCustomers.NONE, recorder);
	}

	/** An event of the log with its line number: applied when it is the customer's (and, as the host would, the journey's). */
	public void offer(Event event, long line) {
		if (!customerId.equals(event.customerId()) || (declaredEventsOnly && !declaredEvents.contains(event.type()))) {
			return;
		}
		driver.onEvent(event, line);
	}

	/** Event time {@code time} has passed for the customer (a learning split's epoch boundary): their inputs up to it go in. */
	public void advanceTo(long time) {
		if (driver.customer(customerId) != null) {
			driver.advanceCustomer(customerId, time);
		}
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
