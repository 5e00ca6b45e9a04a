package io.itinera.cli;

import io.itinera.cli.vocabulary.CommandError;
import io.itinera.cli.vocabulary.ExitCode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.itinera.runtime.assembly.AssembledJourney;
import io.itinera.runtime.driver.RecordedSplitWeights;
import io.itinera.runtime.driver.SplitEpochs;
import io.itinera.runtime.assembly.AssembledRuntime;
import io.itinera.runtime.assembly.AssembledWorkspace;
import io.itinera.runtime.assembly.AssemblyException;
import io.itinera.runtime.assembly.AssemblyOptions;
import io.itinera.runtime.assembly.RuntimeAssembly;
import io.itinera.runtime.explain.CustomerReplay;
import io.itinera.runtime.explain.TimelineEntry;
import io.itinera.runtime.explain.TimelineText;
import io.itinera.runtime.replay.FileReplay;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.io.WorkspaceSchema;
import io.itinera.runtime.workspace.WorkspaceSettings;
import io.itinera.runtime.io.SourceRecord;
import io.itinera.runtime.step.Event;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import io.itinera.runtime.state.RocksDbStateStore;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code itinera explain CUSTOMER --state DIR | --out DIR}: one customer's timeline, rebuilt by
 * replaying their events from the run's log through the run's plan, rules, models and options.
 */
@Command(name = "explain", description = {
		"Show why a customer got (or did not get) each message: their events, stage changes, the rules evaluated with",
		"the values they read, sends, and messages held or not sent with the reason. The customer's events are read",
		"again from the log the run or simulation read (or from --events LOG, where it is now if it moved), and replayed exactly as it did; the result is checked against",
		"what it wrote. Exit status 4 when they differ." })
public final class ExplainCommand implements Callable<Integer> {
	@Parameters(index = "0", paramLabel = "CUSTOMER", description = "the customer id, as in the log")
	String customer;

	@ArgGroup(exclusive = true, multiplicity = "1")
	Source source;

	static final class Source {
		@Option(names = "--state", paramLabel = "DIR", description = "the state directory of an itinera run (default of run: OUT/state)")
		Path state;

		@Option(names = "--out", paramLabel = "DIR", description = "the output directory of an itinera simulate")
		Path simulation;
	}

	@Mixin
	EventLogOption log = new EventLogOption();

	@Option(names = "--json", description = "the timeline as JSON")
	boolean json;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() throws IOException {
		PrintWriter out = spec.commandLine().getOut();
		PrintWriter err = spec.commandLine().getErr();
		if (source.state != null && erased(out)) {
			return ExitCode.OK.code();
		}
		try (RecordedRun run = source.state != null ? RecordedRun.ofState(source.state)
				: RecordedRun.ofSimulation(source.simulation)) {
			return explain(run, out, err);
		} finally {
			out.flush();
			err.flush();
		}
	}

	/** A customer erased from the state ({@code itinera forget}, serve's DELETE): that and when, nothing more. */
	private boolean erased(PrintWriter out) throws IOException {
		if (!Files.isRegularFile(source.state.resolve("CURRENT"))) {
			return false; // not a state: the explanation below says so
		}
		java.util.OptionalLong erasedAt;
		try (RocksDbStateStore store = new RocksDbStateStore(source.state)) {
			erasedAt = store.erasedCustomers().erasedAt(customer);
		} catch (IllegalStateException e) {
			return false; // not a state, or in use: the explanation below says which
		}
		if (erasedAt.isEmpty()) {
			return false;
		}
		String when = Instant.ofEpochMilli(erasedAt.getAsLong()).toString();
		out.println(json ? "{\"customer\": " + new ObjectMapper().writeValueAsString(customer) + ", \"erased\": \"" + when + "\"}"
				: "Customer " + customer + " was erased on " + when + "; nothing else is kept about them.");
		out.flush();
		return true;
	}

	private int explain(RecordedRun run, PrintWriter out, PrintWriter err) throws IOException {
		RunInputs inputs = run.inputs;
		Path events = this.log.file;
		Path log = events != null ? events : Path.of(inputs.events());
		String whyNot = EventInputOptions.whyNotALog(log);
		if (whyNot != null) {
			throw CommandError.error(whyNot + (events == null ? " (the log the run read; give --events LOG where it is now)" : ""));
		}
		EventInputOptions eventOptions = inputs.eventOptions();
		DriverOptions driverOptions = inputs.driverOptions();
		DeliveryOptions deliveryOptions = inputs.deliveryOptions();
		Long from = TimeOption.millis("--from", inputs.from());
		Long to = TimeOption.millis("--to", inputs.to());
		AssemblyOptions options = AssemblyAdapter.options(inputs.allowRawDrl(), inputs.withoutModels(), deliveryOptions.settings(), err);
		AssembledRuntime runtime;
		CustomerReplay replay;
		if (run.workspace) {
			Path folder = Path.of(inputs.journey());
			WorkspaceSettings fromFile = AssemblyAdapter.settings(folder, err);
			if (fromFile == null) {
				return ExitCode.FAILED.code();
			}
			try {
				AssembledWorkspace workspace = RuntimeAssembly.workspace(run.plans, plan -> folder.resolve(plan.name() + ".journey"),
						fromFile, options);
				runtime = workspace;
				replay = CustomerReplay.ofWorkspace(customer, workspace, driverOptions.settings(), inputs.simulation());
				learned = learnedWeights(workspace.journeys(), run, err);
			} catch (AssemblyException e) {
				err.println(e.getMessage());
				return ExitCode.FAILED.code();
			}
		} else {
			AssembledJourney journey = AssemblyAdapter.journey(run.plans.get(0), Path.of(inputs.journey()), options, err);
			if (journey == null) {
				return ExitCode.FAILED.code();
			}
			runtime = journey;
			replay = CustomerReplay.ofJourney(customer, journey, driverOptions.settings(), inputs.simulation());
			learned = learnedWeights(List.of(journey), run, err);
		}
		try (runtime) {
			long latest = Long.MIN_VALUE;
			// the log read as the run read it: the same order and the same end (sorted runs in a temporary folder)
			Path sortFolder = Files.createTempDirectory("itinera-explain-").resolve("sorted-log");
			try (FileReplay reader = eventOptions.openReplay(log, WorkspaceSchema.of(runtime.plans()),
					driverOptions.settings().latenessMillis(), to == null, sortFolder)) {
				SourceRecord record;
				while ((record = reader.next()) != null) {
					Event event = record.event();
					if (event == null || (from != null && event.at() < from) || (to != null && event.at() >= to)) {
						continue;
					}
					latest = Math.max(latest, event.at());
					if (learned != null && customer.equals(event.customerId())) {
						CustomerReplay replaying = replay;
						RecordedSplitWeights.beforeInputAt(learned, event.at(), replaying::advanceTo);
					}
					replay.offer(event, record.lineNumber());
				}
			}
			Files.deleteIfExists(sortFolder.getParent());
			long end = to != null ? to - 1 : latest;
			if (learned != null) {
				CustomerReplay replaying = replay;
				RecordedSplitWeights.beforeInputAt(learned, end, replaying::advanceTo);
			}
			CustomerReplay.Result result = replay.finish(end);
			if (result.state() == null) {
				err.println("Customer " + customer + " has no events in " + log + " (read with the run's mapping): check the id, "
						+ "as the log writes it.");
				return ExitCode.FAILED.code();
			}
			RecordedRun.CrossCheck check = run.check(customer, result.actions(), result.state());
			if (json) {
				out.println(json(result, run, log, check));
			} else {
				text(out, result, run, log, check);
			}
			return (check.agrees() ? ExitCode.OK : ExitCode.EXPLAIN_MISMATCH).code();
		}
	}

	/** The weights of the journeys' learning splits as the run wrote them, for the replay (one per journey); null without any. */
	private List<RecordedSplitWeights> learned;

	/**
	 * The run's {@value SplitEpochs#FILE} (beside its actions, or in the folder above its state), read for a
	 * journey with a learning split; null without one, or after saying the replay uses the starting weights.
	 */
	private static List<RecordedSplitWeights> learnedWeights(List<AssembledJourney> journeys, RecordedRun run, PrintWriter err)
			throws IOException {
		if (!SplitEpochs.learns(journeys.stream().map(AssembledJourney::plan).toList())) {
			return null;
		}
		for (Path folder : new Path[] { run.where, run.where.toAbsolutePath().getParent() }) {
			Path file = folder == null ? null : folder.resolve(SplitEpochs.FILE);
			if (file != null && Files.isRegularFile(file)) {
				List<String> lines = Files.readAllLines(file);
				return journeys.stream().map(journey -> new RecordedSplitWeights(journey.plan(), journey.splitWeights(), lines)).toList();
			}
		}
		err.println("note: no " + SplitEpochs.FILE + " in " + run.where + " or the folder above it: the replay gives the learning"
				+ " splits their starting weights, so a customer's arm may differ from the run's");
		return null;
	}

	private void text(PrintWriter out, CustomerReplay.Result result, RecordedRun run, Path log, RecordedRun.CrossCheck check) {
		out.println("Customer " + customer + " in " + names(run) + ", replayed from " + log + " as the "
				+ (run.inputs.simulation() ? "simulation in " : "run with state ") + run.where + " read it");
		for (TimelineEntry entry : result.timeline()) {
			out.println(TimelineText.line(entry, run.workspace));
		}
		for (String note : check.notes()) {
			out.println((check.agrees() ? "Check: " : "Check FAILED: ") + note);
		}
	}

	private static String names(RecordedRun run) {
		return run.workspace ? "workspace " + run.inputs.journey() + " ("
				+ run.plans.stream().map(JourneyPlan::name).collect(java.util.stream.Collectors.joining(", ")) + ")"
				: run.plans.get(0).name();
	}

	private String json(CustomerReplay.Result result, RecordedRun run, Path log, RecordedRun.CrossCheck check)
			throws IOException {
		ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
		ObjectNode root = mapper.createObjectNode();
		root.put("customer", customer);
		run.plans.forEach(plan -> root.withArray("journeys").add(plan.name()));
		root.put("log", log.toString());
		root.put(run.inputs.simulation() ? "simulation" : "state", run.where.toString());
		ArrayNode timeline = root.putArray("timeline");
		for (TimelineEntry entry : result.timeline()) {
			ObjectNode line = timeline.addObject();
			line.put("time", Instant.ofEpochMilli(entry.at()).atOffset(ZoneOffset.UTC).toInstant().toString());
			line.put("journey", entry.journey());
			line.put("kind", entry.kind());
			line.put("what", entry.what());
			line.put("why", entry.why());
			ObjectNode values = line.putObject("values");
			for (Map.Entry<String, Object> value : entry.values().entrySet()) {
				Object v = value.getValue();
				if (v instanceof Number number && !Double.isNaN(number.doubleValue())) {
					values.put(value.getKey(), number.doubleValue());
				} else if (v == null || v instanceof Number) {
					values.putNull(value.getKey());
				} else {
					values.put(value.getKey(), v.toString());
				}
			}
		}
		ObjectNode crossCheck = root.putObject("check");
		crossCheck.put("agrees", check.agrees());
		check.notes().forEach(crossCheck.putArray("notes")::add);
		return mapper.writeValueAsString(root);
	}
}
