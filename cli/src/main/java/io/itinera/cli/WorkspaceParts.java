package io.itinera.cli;

import io.itinera.runtime.delivery.DeliverySettings;
import io.itinera.runtime.io.EventSchema;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.scoring.Scorer;
import io.itinera.runtime.step.PlanStep;
import io.itinera.runtime.workspace.WorkspaceFile;
import io.itinera.runtime.workspace.WorkspacePlans;
import io.itinera.runtime.io.WorkspaceSchema;
import io.itinera.runtime.workspace.WorkspaceScorer;
import io.itinera.runtime.workspace.WorkspaceSettings;
import io.itinera.runtime.workspace.WorkspaceStep;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What running a workspace takes: the {@code .journey} files directly in a folder, each with its
 * {@link JourneyParts}, and the folder's {@code itinera.workspace} with the host's delivery options.
 * {@code run} and {@code simulate} build it one way.
 */
record WorkspaceParts(Path folder, List<JourneyParts> journeys, WorkspaceSettings settings) implements AutoCloseable {

	/** The journey files of a workspace folder, in name order. */
	static List<Path> journeyFiles(Path folder) throws IOException {
		try (Stream<Path> files = Files.list(folder)) {
			return files.filter(p -> p.getFileName().toString().endsWith(".journey") && Files.isRegularFile(p)).sorted().toList();
		}
	}

	/** The settings of the folder's workspace file, or null after telling {@code err} which line is wrong. */
	static WorkspaceSettings settings(Path folder, PrintWriter err) throws IOException {
		try {
			return WorkspaceFile.readIn(folder);
		} catch (WorkspaceFile.WorkspaceFileException e) {
			err.println(e.getMessage());
			return null;
		}
	}

	/** The workspace in {@code folder}, or null after telling {@code err} what is wrong (file and line). */
	static WorkspaceParts of(Path folder, boolean allowRawDrl, boolean withoutModels, DeliverySettings host, PrintWriter err)
			throws IOException {
		List<Path> files = journeyFiles(folder);
		if (files.isEmpty()) {
			err.println(folder + ": no .journey files in this folder; a workspace runs the journeys directly in it.");
			return null;
		}
		WorkspaceSettings fromFile = settings(folder, err);
		if (fromFile == null) {
			return null;
		}
		WorkspaceSettings settings = fromFile.with(host);
		List<JourneyPlan> plans = new ArrayList<>();
		Map<String, Path> fileOfJourney = new LinkedHashMap<>();
		boolean failed = false;
		for (Path file : files) {
			JourneyPlan plan = JourneyPlans.load(file, err);
			if (plan == null) {
				failed = true;
				continue;
			}
			Path other = fileOfJourney.putIfAbsent(plan.name(), file);
			if (other != null) {
				err.println(file + ":" + plan.location().line() + ": journey " + plan.name() + " is also in " + other
						+ "; journeys of a workspace need different names.");
				failed = true;
			}
			plans.add(plan);
		}
		if (failed) {
			return null;
		}
		List<JourneyParts> parts = new ArrayList<>();
		for (JourneyPlan plan : plans) {
			JourneyParts journey = JourneyParts.of(plan, fileOfJourney.get(plan.name()), allowRawDrl, withoutModels,
					settings.forEachJourney(), err);
			if (journey == null) {
				parts.forEach(JourneyParts::close);
				return null;
			}
			parts.add(journey);
		}
		return new WorkspaceParts(folder, parts, settings);
	}

	List<JourneyPlan> plans() {
		return journeys.stream().map(JourneyParts::plan).toList();
	}

	/** A step of its own (one per worker thread), as {@link JourneyParts#newStep}. */
	WorkspaceStep newStep() {
		List<PlanStep> steps = new ArrayList<>();
		for (JourneyParts journey : journeys) {
			steps.add(journey.newStep());
		}
		return new WorkspaceStep(steps, settings);
	}

	Scorer scorer() {
		Map<String, Scorer> scorers = new LinkedHashMap<>();
		journeys.forEach(journey -> scorers.put(journey.plan().name(), journey.scorer()));
		return new WorkspaceScorer(scorers);
	}

	String planJson() {
		return WorkspacePlans.write(plans());
	}

	/** Every event any journey declares, with the union of their fields ({@link WorkspaceSchema}). */
	EventSchema schema() {
		return WorkspaceSchema.of(plans());
	}

	/** Names the stage counts of a workspace run use ({@code Journey/Stage}), in priority order and declared order. */
	List<String> stageKeys() {
		List<String> keys = new ArrayList<>();
		for (String journey : newStep().journeyNames()) {
			JourneyPlan plan = plans().stream().filter(p -> p.name().equals(journey)).findFirst().orElseThrow();
			plan.stages().forEach(stage -> keys.add(journey + "/" + stage.name()));
		}
		return keys;
	}

	@Override
	public void close() {
		journeys.forEach(JourneyParts::close);
	}
}
