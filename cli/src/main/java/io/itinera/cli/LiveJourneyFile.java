package io.itinera.cli;

import io.itinera.runtime.assembly.AssembledJourney;
import io.itinera.runtime.assembly.AssemblyOptions;
import io.itinera.runtime.assembly.PinnedJourney;
import io.itinera.runtime.assembly.RuntimeAssembly;
import io.itinera.runtime.change.PinnedPlans;
import io.itinera.runtime.change.PlanChange;
import io.itinera.runtime.change.PlanDiff;
import io.itinera.runtime.change.PlanVersion;
import io.itinera.runtime.change.VersionedMigration;
import io.itinera.runtime.delivery.DeliverySettings;
import io.itinera.runtime.driver.CustomerSlot;
import io.itinera.runtime.driver.DriverSettings;
import io.itinera.runtime.driver.SlotCodec;
import io.itinera.runtime.engine.EngineConfig;
import io.itinera.runtime.explain.CustomerReplay;
import io.itinera.runtime.io.ColumnMapping;
import io.itinera.runtime.io.EventLineParser;
import io.itinera.runtime.io.EventSchema;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.PlanJson;
import io.itinera.runtime.scoring.Scorer;
import io.itinera.runtime.state.CustomerStateStore;
import io.itinera.runtime.state.RunProgress;
import io.itinera.runtime.step.JourneyStep;
import io.itinera.runtime.step.PlanStep;
import io.itinera.serve.LiveJourney;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One journey file as {@code itinera serve} runs it: compiled from disk at start and on each reload,
 * and settled against the server's state as {@code run} settles it ({@link ChangedJourney}: refuse,
 * migrate or pin the old version; the one assembly's {@link PinnedJourney} for the versions that then run).
 */
final class LiveJourneyFile implements LiveJourney {
	private final Path journey;
	private final Path stateDirectory;
	private final boolean allowRawDrl;
	private final boolean withoutModels;
	private final DeliverySettings delivery;
	private final LiveParsers parsers;
	private final DriverSettings driver;

	LiveJourneyFile(Path journey, Path stateDirectory, boolean allowRawDrl, boolean withoutModels, DeliverySettings delivery,
			ColumnMapping columns, long maxSkewMillis, DriverSettings driver) {
		this.driver = driver;
		this.journey = journey;
		this.stateDirectory = stateDirectory;
		this.allowRawDrl = allowRawDrl;
		this.withoutModels = withoutModels;
		this.delivery = delivery;
		this.parsers = new LiveParsers(columns, maxSkewMillis);
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

	/** The journey as on disk now, or null after telling {@code err} why it cannot run. */
	Compiled compile(PrintWriter err) {
		JourneyPlan plan = JourneyPlans.load(journey, err);
		if (plan == null) {
			return null;
		}
		AssembledJourney parts = AssemblyAdapter.journey(plan, journey, options(err), err);
		return parts == null ? null : new CompiledFile(parts, PlanJson.write(plan));
	}

	private AssemblyOptions options(PrintWriter err) {
		return AssemblyAdapter.options(allowRawDrl, withoutModels, delivery, err);
	}

	private final class CompiledFile implements Compiled {
		private final AssembledJourney parts;
		private final String planJson;
		private boolean adopted;

		CompiledFile(AssembledJourney parts, String planJson) {
			this.parts = parts;
			this.planJson = planJson;
		}

		private EngineConfig config() {
			return EngineConfig.defaults().withRunName(parts.plan().name() + " live").withPlanJson(planJson);
		}

		@Override
		public Map<String, Object> dryRun(CustomerStateStore store) {
			Map<String, Object> answer = new LinkedHashMap<>();
			answer.put("journey", journey.toString());
			answer.put("version", PlanVersion.of(planJson));
			RunProgress progress = store.progress().orElse(null);
			String saved = store.planJson().orElse(null);
			if (progress == null || saved == null) {
				answer.put("changed", false);
				answer.put("note", "no customers checkpointed yet: the new version takes everyone");
				return answer;
			}
			JourneyPlan savedPlan = PlanJson.read(saved);
			List<PlanChange> changes = PlanDiff.sinceSaved(savedPlan, parts.plan());
			PinnedPlans pinned = store.pinnedPlansJson().map(PinnedPlans::read).orElse(PinnedPlans.NONE);
			answer.put("changed", !changes.isEmpty());
			answer.put("running", PlanVersion.of(saved));
			List<Map<String, Object>> listed = new ArrayList<>();
			for (PlanChange change : changes) {
				Map<String, Object> one = new LinkedHashMap<>();
				one.put("change", change.description());
				one.put("where", change.where());
				listed.add(one);
			}
			answer.put("changes", listed);
			if (changes.isEmpty()) {
				answer.put("note", "the same journey (locations and comments aside): a reload with a mode only picks up its text");
				return answer;
			}
			long now = progress.latestEventAt();
			VersionedMigration migration = new VersionedMigration(savedPlan, pinned, parts.newStep(), now);
			store.forEachCustomer((id, bytes) -> {
				CustomerSlot slot = SlotCodec.decode(id, bytes);
				migration.customer(slot.state(), slot.timers());
			});
			Map<String, Object> migrate = new LinkedHashMap<>();
			migrate.put("asOf", "the last checkpoint (" + Instant.ofEpochMilli(now) + " in event time)");
			migrate.put("stages", migration.tally().moves());
			migrate.put("stranded", migration.tally().stranded());
			migrate.put("outOfJourney", migration.tally().outOfJourney());
			migrate.put("timers", Map.of("cancelled", migration.tally().timersCancelled(), "set", migration.tally().timersSet(),
					"moved", migration.tally().timersMoved()));
			migrate.put("sentAtOnce", Map.of("customers", migration.tally().customersSentAtOnce(), "actions",
					migration.tally().actionsAtOnce()));
			answer.put("migrate", migrate);
			answer.put("pinOld", "customers in the journey (" + progress.stageCounts() + ") finish on the version they run on;"
					+ " new entries take " + PlanVersion.of(planJson));
			return answer;
		}

		@Override
		public Running adopt(CustomerStateStore store, Change change) {
			StringWriter notes = new StringWriter();
			PrintWriter err = new PrintWriter(notes);
			new ChangedJourney(journey, stateDirectory, err).adopt(store, parts, config(), switch (change) {
				case REFUSE -> ChangedJourney.Answer.REFUSE;
				case MIGRATE -> ChangedJourney.Answer.MIGRATE;
				case PIN_OLD -> ChangedJourney.Answer.PIN_OLD;
			});
			PinnedJourney versions = RuntimeAssembly.pinned(parts, planJson,
					store.pinnedPlansJson().map(PinnedPlans::read).orElse(PinnedPlans.NONE), options(err));
			err.flush();
			adopted = true;
			return new RunningFile(parts, versions, planJson, notes.toString().strip());
		}

		@Override
		public void close() {
			if (!adopted) {
				parts.close();
			}
		}
	}

	private final class RunningFile implements Running {
		private final AssembledJourney parts;
		private final PinnedJourney versions;
		private final String planJson;
		private final String version;
		private final String notes;
		private final EventSchema schema;
		/** Steps for reading features, one per version, apart from the workers' own. */
		private final Map<String, PlanStep> viewSteps = new ConcurrentHashMap<>();

		RunningFile(AssembledJourney parts, PinnedJourney versions, String planJson, String notes) {
			this.parts = parts;
			this.versions = versions;
			this.planJson = planJson;
			this.version = PlanVersion.of(planJson);
			this.notes = notes;
			this.schema = EventSchema.of(parts.plan());
		}

		@Override
		public String name() {
			return parts.plan().name();
		}

		@Override
		public JourneyPlan plan() {
			return parts.plan();
		}

		@Override
		public Map<JourneyPlan, io.itinera.runtime.delivery.SplitWeights.Board> splitBoards() {
			return Map.of(parts.plan(), parts.splitWeights());
		}

		@Override
		public List<JourneyPlan> plans() {
			return List.of(parts.plan());
		}

		@Override
		public String planJson() {
			return planJson;
		}

		@Override
		public String version() {
			return version;
		}

		@Override
		public String describe() {
			String running = versions.running() > 1 ? versions.describe() : "every customer runs on version " + version;
			return notes.isEmpty() ? running : notes + "\n" + running;
		}

		@Override
		public JourneyStep newStep() {
			return versions.newStep();
		}

		@Override
		public PlanStep stepOf(String pinnedVersion) {
			String key = pinnedVersion == null ? version : pinnedVersion;
			AssembledJourney of = key.equals(version) ? parts : versions.version(key);
			return of == null ? null : viewSteps.computeIfAbsent(key, k -> of.newStep());
		}

		@Override
		public Scorer scorer() {
			return parts.scorer();
		}

		@Override
		public CustomerReplay replay(String customerId) {
			return CustomerReplay.ofJourney(customerId, parts, driver, false);
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
