package io.itinera.runtime.assembly;

import io.itinera.runtime.io.EventSchema;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.scoring.Scorer;
import io.itinera.runtime.step.JourneyStep;
import java.util.List;

/** What a host runs: the step function (a new one per worker thread), the scorer and the events to read. */
public interface AssembledRuntime extends AutoCloseable {
	/** A step function of its own (one per worker thread: a step may hold per-thread rule sessions). */
	JourneyStep newStep();

	Scorer scorer();

	/** The journeys, in the order they were given. */
	List<JourneyPlan> plans();

	/** The events the input is read with: a workspace reads the union of its journeys' events. */
	EventSchema schema();

	/** Closes the scorers (their models). */
	@Override
	void close();
}
