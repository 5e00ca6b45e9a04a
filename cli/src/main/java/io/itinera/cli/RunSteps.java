package io.itinera.cli;

import io.itinera.runtime.step.JourneyStep;

/** The step functions a run gives its engine once its state is open, and what to close after the run. */
interface RunSteps extends AutoCloseable {
	JourneyStep newStep();

	@Override
	default void close() {
	}
}
