package io.itinera.cli;

import io.itinera.cli.journey.JourneyLoader;
import io.itinera.runtime.assembly.RuntimeAssembly;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a command will need, begun on other threads as soon as its arguments are known, so that a start uses both
 * cores: while the main thread builds the command line and parses the journey, one thread sets the journey
 * language up ({@link JourneyLoader#warmUp}) and, for a command that runs campaign rules, another warms the rules
 * engine up ({@link RuntimeAssembly#warmUpRules}). A guess from the arguments: a wrong one costs only the other
 * core's time, never a result, since each part is still made where it is used (waiting for its head start there
 * when that is under way), and a head start that fails leaves the failure for that place to report.
 */
final class HeadStart {
	/** The commands that build a journey's campaign rules. */
	private static final Set<String> RUNNING_RULES = Set.of("run", "simulate", "test", "serve", "migrate", "profiles");

	private HeadStart() {
	}

	/** What to begin for {@code args}: the language when they name journeys, the rules engine when those have campaigns. */
	enum Part {
		LANGUAGE, RULES
	}

	static void begin(String... args) {
		for (Part part : parts(args)) {
			Runnable work = part == Part.LANGUAGE ? JourneyLoader::warmUp : RuntimeAssembly::warmUpRules;
			Thread thread = new Thread(() -> {
				try {
					work.run();
				} catch (RuntimeException | LinkageError e) {
					// met again, and reported, where the command uses the part
				}
			}, "head-start-" + part.name().toLowerCase(java.util.Locale.ROOT));
			thread.setDaemon(true);
			thread.start();
		}
	}

	static List<Part> parts(String... args) {
		List<Path> journeys = journeyFiles(args);
		if (journeys.isEmpty()) {
			return List.of();
		}
		boolean rules = RUNNING_RULES.contains(args[0]) && journeys.stream().anyMatch(HeadStart::mentionsCampaigns);
		return rules ? List.of(Part.LANGUAGE, Part.RULES) : List.of(Part.LANGUAGE);
	}

	/** The .journey files the arguments after the subcommand name, directly or as a folder that holds them (a workspace). */
	static List<Path> journeyFiles(String... args) {
		List<Path> files = new ArrayList<>();
		for (int i = 1; i < args.length; i++) {
			try {
				Path path = Path.of(args[i]);
				if (isJourney(path)) {
					files.add(path);
				} else if (Files.isDirectory(path)) {
					try (Stream<Path> inFolder = Files.list(path)) {
						inFolder.filter(HeadStart::isJourney).forEach(files::add);
					}
				}
			} catch (InvalidPathException | IOException e) {
				// not a path the command reads journeys from
			}
		}
		return files;
	}

	private static boolean isJourney(Path path) {
		return path.getFileName() != null && path.getFileName().toString().endsWith(".journey") && Files.isRegularFile(path);
	}

	/** Whether the file has the keyword of a campaign (in a comment too: then a warm-up is wasted, nothing more). */
	private static boolean mentionsCampaigns(Path journey) {
		try {
			return Files.readString(journey).contains("campaign");
		} catch (IOException | RuntimeException e) {
			return false;
		}
	}
}
