package io.itinera.cli;

import io.itinera.runtime.assembly.AssembledJourney;
import io.itinera.runtime.assembly.AssembledWorkspace;
import io.itinera.runtime.assembly.AssemblyOptions;
import io.itinera.runtime.assembly.PinnedWorkspace;
import io.itinera.runtime.assembly.RuntimeAssembly;
import io.itinera.runtime.change.PinnedPlans;
import io.itinera.runtime.change.PlanChange;
import io.itinera.runtime.change.PlanDiff;
import io.itinera.runtime.change.PlanVersion;
import io.itinera.runtime.delivery.DeliverySettings;
import io.itinera.runtime.driver.DriverSettings;
import io.itinera.runtime.engine.EngineConfig;
import io.itinera.runtime.explain.CustomerReplay;
import io.itinera.runtime.io.ColumnMapping;
import io.itinera.runtime.io.EventLineParser;
import io.itinera.runtime.io.EventSchema;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.scoring.Scorer;
import io.itinera.runtime.state.CustomerStateStore;
import io.itinera.runtime.step.JourneyStep;
import io.itinera.runtime.step.PlanStep;
import io.itinera.runtime.workspace.WorkspacePlans;
import io.itinera.serve.LiveJourney;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A workspace folder as {@code itinera serve DIR} runs it: every journey of the folder over one
 * stream with its {@code itinera.workspace}, built as {@code run DIR} builds it (the one assembly).
 * A changed journey is refused as {@code run DIR} refuses it: a workspace's state is not migrated or
 * pinned yet.
 */
final class LiveWorkspaceFolder implements LiveJourney {
	private final Path folder;
	private final Path stateDirectory;
	private final boolean allowRawDrl;
	private final boolean withoutModels;
	private final DeliverySettings delivery;
	private final LiveParsers parsers;
	private final DriverSettings driver;

	LiveWorkspaceFolder(Path folder, Path stateDirectory, boolean allowRawDrl, boolean withoutModels, DeliverySettings delivery,
			ColumnMapping columns, long maxSkewMillis, DriverSettings driver) {
		this.folder = folder;
		this.stateDirectory = stateDirectory;
		this.allowRawDrl = allowRawDrl;
		this.withoutModels = withoutModels;
		this.delivery = delivery;
		this.parsers = new LiveParsers(columns, maxSkewMillis);
		this.driver = driver;
	}

	/** {@code workspace NAME}, as {@code run DIR} names its run. */
	private String name() {
		return "workspace " + folder.toAbsolutePath().normalize().getFileName();
	}

	@Override
	public Compiled compile() throws Refused {
		StringWriter diagnostics = new StringWriter();
		PrintWriter err = new PrintWriter(diagnostics);
		Compiled compiled = JourneyPlans.unlessGone(this::compile, err);
		err.flush();
		if (compiled == null) {
			throw new Refused(diagnostics.toString().strip());
		}
		return compiled;
	}

	Compiled compile(PrintWriter err) {
		try {
			AssembledWorkspace parts = AssemblyAdapter.workspace(folder, options(err), err);
			return parts == null ? null : new CompiledFolder(parts);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private AssemblyOptions options(PrintWriter err) {
		return AssemblyAdapter.options(allowRawDrl, withoutModels, delivery, err);
	}

	private final class CompiledFolder implements Compiled {
		private final AssembledWorkspace parts;
		private final String planJson;
		private boolean adopted;

		CompiledFolder(AssembledWorkspace parts) {
			this.parts = parts;
			this.planJson = parts.planJson();
		}

		@Override
		public Map<String, Object> dryRun(CustomerStateStore store) {
			Map<String, Object> answer = new LinkedHashMap<>();
			answer.put("workspace", folder.toString());
			answer.put("version", PlanVersion.of(planJson));
			String saved = store.planJson().orElse(null);
			Map<String, JourneyPlan> savedPlans = saved == null ? Map.of() : WorkspacePlans.read(saved);
			List<Map<String, Object>> listed = new ArrayList<>();
			for (AssembledJourney journey : parts.journeys()) {
				JourneyPlan before = savedPlans.get(journey.plan().name());
				for (PlanChange change : before == null ? List.<PlanChange>of() : PlanDiff.sinceSaved(before, journey.plan())) {
					Map<String, Object> one = new LinkedHashMap<>();
					one.put("journey", journey.plan().name());
					one.put("change", change.description());
					one.put("where", change.where());
					listed.add(one);
				}
			}
			answer.put("changed", !listed.isEmpty());
			answer.put("changes", listed);
			if (!listed.isEmpty()) {
				answer.put("note", "reload with mode=migrate (the changed journeys' customers move by their migrate rules) or"
						+ " mode=pin-old (they finish on the versions they run on), as run DIR --migrate / --pin-old");
			}
			return answer;
		}

		@Override
		public Running adopt(CustomerStateStore store, Change change) {
			EngineConfig config = EngineConfig.defaults().withRunName(name() + " live").withPlanJson(planJson);
			StringWriter notes = new StringWriter();
			PrintWriter err = new PrintWriter(notes);
			new ChangedJourney(folder, stateDirectory, err).adoptInWorkspace(store, parts, config, switch (change) {
				case REFUSE -> ChangedJourney.Answer.REFUSE;
				case MIGRATE -> ChangedJourney.Answer.MIGRATE;
				case PIN_OLD -> ChangedJourney.Answer.PIN_OLD;
			});
			PinnedWorkspace versions = RuntimeAssembly.pinned(parts,
					store.pinnedPlansJson().map(PinnedPlans::read).orElse(PinnedPlans.NONE), options(err));
			adopted = true;
			return new RunningFolder(parts, versions, planJson);
		}

		@Override
		public void close() {
			if (!adopted) {
				parts.close();
			}
		}
	}

	private final class RunningFolder implements Running {
		private final AssembledWorkspace parts;
		private final PinnedWorkspace versions;
		private final String planJson;
		private final Scorer scorer;
		private final EventSchema schema;

		RunningFolder(AssembledWorkspace parts, PinnedWorkspace versions, String planJson) {
			this.parts = parts;
			this.versions = versions;
			this.planJson = planJson;
			this.scorer = parts.scorer();
			this.schema = parts.schema();
		}

		@Override
		public String name() {
			return LiveWorkspaceFolder.this.name();
		}

		@Override
		public Map<JourneyPlan, io.itinera.runtime.delivery.SplitWeights.Board> splitBoards() {
			return parts.splitBoards();
		}

		@Override
		public JourneyPlan plan() {
			return parts.plans().get(0);
		}

		@Override
		public List<JourneyPlan> plans() {
			return parts.plans();
		}

		@Override
		public String planJson() {
			return planJson;
		}

		@Override
		public String version() {
			return PlanVersion.of(planJson);
		}

		@Override
		public String describe() {
			String running = "the journeys " + String.join(", ", parts.newStep().journeyNames()) + " run on version " + version();
			List<String> pinned = versions.describe();
			return pinned.isEmpty() ? running : running + "\n" + String.join("\n", pinned);
		}

		@Override
		public JourneyStep newStep() {
			return versions.newStep();
		}

		@Override
		public PlanStep stepOf(String version) {
			return null;
		}

		@Override
		public Scorer scorer() {
			return scorer;
		}

		@Override
		public CustomerReplay replay(String customerId) {
			return CustomerReplay.ofWorkspace(customerId, parts, driver, false);
		}

		@Override
		public EventLineParser intakeParser() {
			return parsers.intake(schema);
		}

		@Override
		public EventLineParser logParser() {
			return parsers.log(schema);
		}

		@Override
		public void close() {
			versions.close();
			parts.close();
		}
	}
}
