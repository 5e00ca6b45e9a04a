package io.itinera.cli;

import io.itinera.runtime.assembly.AssembledJourney;
import io.itinera.runtime.assembly.AssembledWorkspace;
import io.itinera.runtime.assembly.AssemblyException;
import io.itinera.runtime.assembly.AssemblyOptions;
import io.itinera.runtime.assembly.RuntimeAssembly;
import io.itinera.runtime.delivery.DeliverySettings;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.workspace.WorkspaceFile;
import io.itinera.runtime.workspace.WorkspaceSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The command line's side of the one assembly ({@link RuntimeAssembly}): its options in, a journey's
 * or a workspace folder's runtime out, or null after telling {@code err} what is wrong (file and line).
 */
final class AssemblyAdapter {
	private AssemblyAdapter() {
	}

	/** {@code --allow-raw-drl}, {@code --without-models} and the delivery options; notes go to {@code err}. */
	static AssemblyOptions options(boolean allowRawDrl, boolean withoutModels, DeliverySettings delivery, PrintWriter err) {
		return new AssemblyOptions(allowRawDrl, withoutModels, delivery, err::println);
	}

	/**
	 * Whether {@code host} must refuse {@code plans} for a split that learns its winner (it then tells {@code err}
	 * the split's file and line, and to replay a log instead).
	 */
	static boolean refusesLearningSplits(List<JourneyPlan> plans, String host, PrintWriter err) {
		try {
			RuntimeAssembly.refuseLearningSplits(plans, host, "replay a log with itinera run or itinera simulate.");
			return false;
		} catch (AssemblyException e) {
			err.println(e.getMessage());
			return true;
		}
	}

	/** The journey in {@code file}, or null after telling {@code err} why it cannot run. */
	static AssembledJourney journey(JourneyPlan plan, Path file, AssemblyOptions options, PrintWriter err) {
		try {
			return RuntimeAssembly.journey(plan, file, options);
		} catch (AssemblyException e) {
			err.println(e.getMessage());
			return null;
		}
	}

	/**
	 * The workspace in {@code folder}: the {@code .journey} files directly in it, with its
	 * {@code itinera.workspace}; or null after telling {@code err} what is wrong (file and line).
	 */
	static AssembledWorkspace workspace(Path folder, AssemblyOptions options, PrintWriter err) throws IOException {
		return workspace(folder, options, err, plans -> { });
	}

	/** As above; {@code parsed} gets the journeys' plans once all are read, before their rules build. */
	static AssembledWorkspace workspace(Path folder, AssemblyOptions options, PrintWriter err, Consumer<List<JourneyPlan>> parsed)
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
		parsed.accept(List.copyOf(plans));
		try {
			return RuntimeAssembly.workspace(plans, plan -> fileOfJourney.get(plan.name()), fromFile, options);
		} catch (AssemblyException e) {
			err.println(e.getMessage());
			return null;
		}
	}

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
}
