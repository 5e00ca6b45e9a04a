package io.itinera.cli;

import io.itinera.runtime.assembly.AssembledRuntime;
import io.itinera.runtime.step.JourneyStep;

/** The step functions a run gives its engine once its state is open, and what to close after the run. */
interface RunSteps extends AutoCloseable {
	JourneyStep newStep();

	@Override
	default void close() {
	}

	/** The runtime's steps; the runtime is closed after the run. */
	static RunSteps closing(AssembledRuntime runtime) {
		return new RunSteps() {
			@Override
			public JourneyStep newStep() {
				return runtime.newStep();
			}

			@Override
			public void close() {
				runtime.close();
			}
		};
	}
}
