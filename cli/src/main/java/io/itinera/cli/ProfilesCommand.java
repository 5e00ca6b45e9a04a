package io.itinera.cli;

import io.itinera.cli.vocabulary.CommandError;
import io.itinera.runtime.assembly.AssembledJourney;
import io.itinera.runtime.assembly.AssembledWorkspace;
import io.itinera.cli.vocabulary.ExitCode;
import io.itinera.runtime.delivery.DeliverySettings;
import io.itinera.runtime.plan.Topic;
import io.itinera.runtime.io.ColumnMapping;
import io.itinera.runtime.io.DeadLetter;
import io.itinera.runtime.io.EventLogSource;
import io.itinera.runtime.io.EventSchema;
import io.itinera.runtime.io.InputFormat;
import io.itinera.runtime.io.OutputJson;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.profile.ProfileImport;
import io.itinera.runtime.state.RocksDbStateStore;
import io.itinera.runtime.step.JourneyStep;
import io.itinera.runtime.step.PlanStep;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code itinera profiles import FILE JOURNEY|DIR --state DIR --map SPEC}: customer attributes from a shop's export into a run's state. */
@Command(name = "profiles", description = "Customer profiles from the shop's systems (see docs/profiles.md).",
		subcommands = ProfilesCommand.Import.class)
public final class ProfilesCommand implements Runnable {
	@Spec
	CommandSpec spec;

	@Override
	public void run() {
		spec.commandLine().usage(spec.commandLine().getOut());
	}

	@Command(name = "import", description = {
			"Loads customer attributes from FILE (CSV or JSON Lines, read with --map as events are: customer=, time=, field.X=…) into"
					+ " a run's state (--state), before its first run or between runs: every attribute goes to each journey of JOURNEY"
					+ " (a .journey file or a workspace folder) that declares it in customer { … }, typed as declared. A customer not"
					+ " seen yet is created (their profile may come before their first event).",
			"A row with a bad value is a dead letter with its reason (STATE/../profile-dead-letters.jsonl, or --dead-letters FILE).",
			"Exit 0, 2 on errors." })
	static final class Import implements Callable<Integer> {
		@Parameters(index = "0", paramLabel = "FILE", description = "the profiles: CSV with a header, or JSON Lines")
		Path file;

		@Parameters(index = "1", paramLabel = "JOURNEY|DIR", description = "the journey, or the workspace folder, the state is run with")
		Path journey;

		@Option(names = "--state", required = true, paramLabel = "DIR", description = "the run's RocksDB state directory (run --state)")
		Path stateDirectory;

		@Mixin
		MappingOption map = new MappingOption();

		@Option(names = "--dead-letters", paramLabel = "FILE", description = "where rows that cannot be used go"
				+ " (default: profile-dead-letters.jsonl beside the state directory)")
		Path deadLetters;

		@Mixin
		RawDrlOption rawDrl = new RawDrlOption();

		@Spec
		CommandSpec spec;

		@Override
		public Integer call() throws IOException {
			PrintWriter out = spec.commandLine().getOut();
			PrintWriter err = spec.commandLine().getErr();
			try {
				return load(out, err);
			} finally {
				out.flush();
				err.flush();
			}
		}

		private int load(PrintWriter out, PrintWriter err) throws IOException {
			if (!Files.isRegularFile(file)) {
				throw CommandError.error("no profiles file " + file + ": give a CSV or JSON Lines export");
			}
			ColumnMapping mapping = profileMapping();
			long started = System.nanoTime();
			if (Files.isDirectory(journey)) {
				try (AssembledWorkspace workspace = AssemblyAdapter.workspace(journey,
						AssemblyAdapter.options(rawDrl.allowed, true, DeliverySettings.DEFAULT, err), err)) {
					if (workspace == null) {
						return ExitCode.FAILED.code();
					}
					List<Topic> topics = new ArrayList<>(workspace.settings().topics());
					workspace.plans().forEach(plan -> topics.addAll(plan.topics()));
					return load(workspace.plans(), topics, workspace.newStep(),
							workspace.journeys().stream().map(AssembledJourney::newStep).toList(), mapping, started, out);
				}
			}
			JourneyPlan plan = JourneyPlans.load(journey, err);
			if (plan == null) {
				return ExitCode.FAILED.code();
			}
			try (AssembledJourney parts = AssemblyAdapter.journey(plan, journey,
					AssemblyAdapter.options(rawDrl.allowed, true, DeliverySettings.DEFAULT, err), err)) {
				if (parts == null) {
					return ExitCode.FAILED.code();
				}
				PlanStep step = parts.newStep();
				return load(List.of(plan), plan.topics(), step, List.of(step), mapping, started, out);
			}
		}

		/** The events' mapping, with {@code event=profile} unless it names the type itself. */
		private ColumnMapping profileMapping() {
			String given = map.spec == null ? "" : map.spec;
			boolean namesType = given.matches("(^|.*,)\\s*(event|type)\\s*=.*");
			return ColumnMapping.parse(namesType ? given : (given.isBlank() ? "" : given + ",") + "event=" + ProfileImport.EVENT);
		}

		private int load(List<JourneyPlan> plans, List<Topic> topics, JourneyStep step, List<PlanStep> journeys,
				ColumnMapping mapping, long started, PrintWriter out) throws IOException {
			EventSchema schema = ProfileImport.schema(plans, topics);
			Path deadFile = deadLetters != null ? deadLetters
					: stateDirectory.toAbsolutePath().getParent().resolve("profile-dead-letters.jsonl");
			ProfileImport.Summary summary;
			try (EventLogSource rows = EventLogSource.open(file, InputFormat.guess(file), mapping, null, ',', schema);
					RocksDbStateStore store = new RocksDbStateStore(stateDirectory);
					BufferedWriter dead = Files.newBufferedWriter(deadFile, StandardCharsets.UTF_8)) {
				summary = new ProfileImport(step, journeys, topics, store, store::putCustomers).load(rows, letter -> write(dead, letter));
			}
			double seconds = (System.nanoTime() - started) / 1e9;
			out.printf("Loaded %,d profiles of %,d rows into %s in %.1f s: %,d new customers, %,d attributes set.%n", summary.profiles(),
					summary.rows(), stateDirectory, seconds, summary.newCustomers(), summary.attributesSet());
			out.printf("  dead letters   %,d%s%n", summary.deadLetters(), summary.deadLetters() > 0 ? " -> " + deadFile : "");
			if (summary.deadLetters() == 0) {
				Files.deleteIfExists(deadFile);
			}
			return ExitCode.OK.code();
		}

		private static void write(BufferedWriter dead, DeadLetter letter) {
			try {
				dead.write(OutputJson.deadLetter(letter));
				dead.newLine();
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
	}
}
