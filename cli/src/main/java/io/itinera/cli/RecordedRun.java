package io.itinera.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.itinera.runtime.driver.SlotCodec;
import io.itinera.runtime.io.JsonLinesOutput;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.PlanJson;
import io.itinera.runtime.state.CustomerStateStore;
import io.itinera.runtime.state.RocksDbStateStore;
import io.itinera.runtime.step.ActionRecord;
import io.itinera.runtime.step.CustomerState;
import io.itinera.runtime.workspace.WorkspacePlans;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A run's state directory or a simulation's output folder, as {@code explain} reads it: what the
 * run read and how ({@link RunInputs}), its plan, and what it wrote, to check a replayed customer
 * against.
 */
final class RecordedRun implements AutoCloseable {
	private static final ObjectMapper JSON = new ObjectMapper();

	/** Whether the replay agrees with what the run wrote, and what was compared, in words. */
	record CrossCheck(boolean agrees, List<String> notes) {
	}

	final RunInputs inputs;
	/** The journey's plan; in a workspace, every journey's (by name order). */
	final List<JourneyPlan> plans;
	final boolean workspace;
	final Path where;
	private final CustomerStateStore store;

	private RecordedRun(RunInputs inputs, List<JourneyPlan> plans, boolean workspace, Path where, CustomerStateStore store) {
		this.inputs = inputs;
		this.plans = plans;
		this.workspace = workspace;
		this.where = where;
		this.store = store;
	}

	/** @throws IllegalArgumentException saying what is missing and what to do */
	static RecordedRun ofState(Path directory) {
		if (!Files.isRegularFile(directory.resolve("CURRENT"))) {
			throw new IllegalArgumentException(directory + " is not the state of an itinera run: give the --state directory "
					+ "of a run (by default OUT/state), or --out DIR of a simulation.");
		}
		CustomerStateStore store = new RocksDbStateStore(directory);
		try {
			String inputs = store.runInputs().orElseThrow(() -> new IllegalArgumentException(directory
					+ " does not say which log its run read (it was written before runs recorded their inputs): run the journey "
					+ "again with a new --state directory to explain its customers."));
			String plan = store.planJson().orElseThrow(() -> new IllegalArgumentException(directory
					+ " keeps no plan yet (its run stopped before the first checkpoint): run the same command to finish it."));
			RunInputs read = RunInputs.fromJson(inputs, directory.toString());
			if (WorkspacePlans.isWorkspace(plan)) {
				return new RecordedRun(read, List.copyOf(readWorkspace(plan, directory).values()), true, directory, store);
			}
			return new RecordedRun(read, List.of(readPlan(plan, directory)), false, directory, store);
		} catch (RuntimeException e) {
			store.close();
			throw e;
		}
	}

	/** @throws IllegalArgumentException saying what is missing and what to do */
	static RecordedRun ofSimulation(Path directory) throws IOException {
		Path file = directory.resolve(RunInputs.FILE);
		if (!Files.isRegularFile(file)) {
			throw new IllegalArgumentException(directory + " has no " + RunInputs.FILE + ": give the --out directory of an "
					+ "itinera simulate (run it again if it predates explain), or --state DIR of a run.");
		}
		RunInputs inputs = RunInputs.fromJson(Files.readString(file), file.toString());
		if (inputs.plan() == null) {
			throw new IllegalArgumentException(file + " names no plan: run the simulation again.");
		}
		if (WorkspacePlans.isWorkspace(inputs.plan())) {
			return new RecordedRun(inputs, List.copyOf(readWorkspace(inputs.plan(), file).values()), true, directory, null);
		}
		return new RecordedRun(inputs, List.of(readPlan(inputs.plan(), file)), false, directory, null);
	}

	private static JourneyPlan readPlan(String json, Path where) {
		try {
			return PlanJson.read(json);
		} catch (PlanJson.PlanFormatException e) {
			throw new IllegalArgumentException("the plan kept in " + where + " cannot be read (" + e.getMessage()
					+ "); run the journey again with this version of itinera.");
		}
	}

	private static java.util.Map<String, JourneyPlan> readWorkspace(String json, Path where) {
		try {
			return WorkspacePlans.read(json);
		} catch (RuntimeException e) {
			throw new IllegalArgumentException("the plans kept in " + where + " cannot be read (" + e.getMessage()
					+ "); run the workspace again with this version of itinera.");
		}
	}

	/** Compares the replay with what the run wrote for the customer: its actions, and (a run's state) the stored stage. */
	CrossCheck check(String customerId, List<ActionRecord> replayed, CustomerState replayedState) throws IOException {
		return store != null ? checkState(customerId, replayed, replayedState) : checkSimulation(customerId, replayed);
	}

	private CrossCheck checkState(String customerId, List<ActionRecord> replayed, CustomerState replayedState) {
		List<String> notes = new ArrayList<>();
		boolean agrees = true;
		List<String> missing = replayed.stream().map(ActionRecord::id).filter(id -> !store.actionWritten(id)).toList();
		if (missing.isEmpty()) {
			notes.add(actions(replayed.size()) + " replayed " + (replayed.size() == 1 ? "is" : "are") + " in the run's ledger (" + where + ")");
		} else {
			agrees = false;
			notes.add(missing.size() + " of the " + replayed.size() + " actions replayed are not in the run's ledger: "
					+ String.join(", ", missing));
		}
		byte[] stored = store.load(customerId);
		if (stored == null) {
			agrees = false;
			notes.add("the run's state has no customer " + customerId);
		} else {
			CustomerState state = SlotCodec.state(stored);
			String storedStage = stages(state);
			String replayStage = replayedState == null ? "(out)" : stages(replayedState);
			if (storedStage.equals(replayStage)) {
				notes.add("the stored customer's stage is the replay's: " + storedStage);
			} else {
				agrees = false;
				notes.add("the stored customer is in " + storedStage + ", the replay ends in " + replayStage
						+ " (was the run stopped before the end of its log?)");
			}
		}
		return new CrossCheck(agrees, notes);
	}

	private CrossCheck checkSimulation(String customerId, List<ActionRecord> replayed) throws IOException {
		Path file = where.resolve(JsonLinesOutput.ACTIONS);
		if (!Files.isRegularFile(file)) {
			return new CrossCheck(false, List.of(file + " is missing: nothing to check the replay against"));
		}
		Set<String> written = new LinkedHashSet<>();
		try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			String line;
			while ((line = reader.readLine()) != null) {
				if (line.contains(customerId)) {
					JsonNode action = JSON.readTree(line);
					if (customerId.equals(action.path("customer").asText())) {
						written.add(action.path("id").asText());
					}
				}
			}
		}
		Set<String> ids = new LinkedHashSet<>();
		replayed.forEach(action -> ids.add(action.id()));
		if (ids.equals(written)) {
			return new CrossCheck(true, List.of(actions(ids.size()) + " replayed, as in " + file));
		}
		List<String> notes = new ArrayList<>();
		Set<String> onlyReplayed = new LinkedHashSet<>(ids);
		onlyReplayed.removeAll(written);
		Set<String> onlyWritten = new LinkedHashSet<>(written);
		onlyWritten.removeAll(ids);
		notes.add("the replay differs from " + file + ": " + onlyReplayed.size() + " actions only in the replay "
				+ onlyReplayed + ", " + onlyWritten.size() + " only in the file " + onlyWritten);
		return new CrossCheck(false, notes);
	}

	/** The customer's stage, or in a workspace each journey's ({@code Journey/Stage}, comma separated). */
	private String stages(CustomerState state) {
		if (!state.isComposite()) {
			return state.inJourney() ? state.stage() : "(out)";
		}
		List<String> stages = new ArrayList<>();
		for (JourneyPlan plan : plans) {
			CustomerState part = state.part(plan.name());
			stages.add(plan.name() + "/" + (part != null && part.inJourney() ? part.stage() : "(out)"));
		}
		return String.join(", ", stages);
	}

	private static String actions(int count) {
		return count == 1 ? "1 action" : count + " actions";
	}

	@Override
	public void close() {
		if (store != null) {
			store.close();
		}
	}
}
