package io.itinera.serve;

import io.itinera.runtime.explain.CustomerReplay;
import io.itinera.runtime.io.EventLineParser;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.scoring.Scorer;
import io.itinera.runtime.state.CustomerStateStore;
import io.itinera.runtime.step.JourneyStep;
import io.itinera.runtime.step.PlanStep;
import java.util.Map;

/**
 * The journey (or workspace) a server runs, as its host compiles it from disk: settled against the
 * server's state when it starts and on every reload. The host (the cli) knows the language and the
 * assembly; the server only swaps what runs.
 */
public interface LiveJourney {
	/** What to do with the customers of the state when the journey changed since it was written. */
	enum Change {
		/** Start only on the same journey (a comment-only edit is the same); else say what changed. */
		REFUSE,
		/** Move the customers to the new version by its migrate rules first. */
		MIGRATE,
		/** Customers already on their way finish on the old version; new ones take the new one. */
		PIN_OLD
	}

	/**
	 * The journey as it is on disk now.
	 *
	 * @throws Refused with its diagnostics when it does not compile or its parts do not build
	 */
	Compiled compile() throws Refused;

	/** A compiled version, not yet running. */
	interface Compiled extends AutoCloseable {
		/**
		 * What adopting it would do to the customers of {@code store}, JSON-ready: {@code changed}
		 * (false for the same journey), the changes with their lines, customers per old → new stage,
		 * timers cancelled/set/moved, who would be sent something at once. Reads the last checkpoint.
		 */
		Map<String, Object> dryRun(CustomerStateStore store);

		/**
		 * Settles a change against the state as {@code change} says (one atomic write when it migrates or
		 * pins) and gives what runs; it then owns the parts, and {@link #close()} leaves them open.
		 *
		 * @throws IllegalArgumentException with the message for the user when the change is refused
		 */
		Running adopt(CustomerStateStore store, Change change);

		@Override
		void close();
	}

	/** The version that runs: its steps, scorer and parsers. */
	interface Running extends AutoCloseable {
		/** The journey's name, or {@code workspace NAME}: the state's run is {@code NAME live}. */
		String name();

		/** The journey (the first of a workspace). */
		JourneyPlan plan();

		/** Each journey's board of learning split weights, which its steps read; none by default. */
		default Map<JourneyPlan, io.itinera.runtime.delivery.SplitWeights.Board> splitBoards() {
			return Map.of();
		}

		/** Every journey that runs: one, or a workspace's in its folder's order. */
		java.util.List<JourneyPlan> plans();

		/** The plan as the state keeps it (JSON). */
		String planJson();

		/** The current version ({@code PlanVersion} of the plan as the state keeps it). */
		String version();

		/** The versions customers may run on: the current one and any pinned ones, with their change notes. */
		String describe();

		/** A step function of its own (one per worker). */
		JourneyStep newStep();

		/** The step of a version, for reading its features: null gives the current one's; null for one not kept (or a workspace). */
		PlanStep stepOf(String version);

		Scorer scorer();

		/** One customer's replay with the rules traced, as {@code itinera explain} does it. */
		CustomerReplay replay(String customerId);

		/** A parser for the API: its plausible-time window starts now. */
		EventLineParser intakeParser();

		/** The parser of the input log (its lines were checked on the way in). */
		EventLineParser logParser();

		@Override
		void close();
	}

	/** A journey that cannot run: its diagnostics (file, line, what to fix). */
	final class Refused extends Exception {
		private static final long serialVersionUID = 1L;

		public Refused(String diagnostics) {
			super(diagnostics);
		}
	}
}
