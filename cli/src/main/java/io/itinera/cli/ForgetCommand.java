package io.itinera.cli;

import io.itinera.cli.vocabulary.CommandError;
import io.itinera.cli.vocabulary.ExitCode;
import io.itinera.runtime.erasure.CustomerLines;
import io.itinera.runtime.erasure.OutputRewrite;
import io.itinera.runtime.io.JsonLinesOutput;
import io.itinera.runtime.io.OutputPositions;
import io.itinera.runtime.state.Checkpoint;
import io.itinera.runtime.state.RocksDbStateStore;
import io.itinera.runtime.state.RunProgress;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code itinera forget [--state DIR] [--out DIR] [--ids FILE] ID…}: erases customers from a run's
 * state (their records, timers and held events; a salted hash of each id stays, so the run drops their
 * later events) and rewrites its past output files without their lines. See docs/erasure.md.
 */
@Command(name = "forget", description = {
		"Erases customers (the GDPR right to erasure, article 17): from a run's RocksDB state (--state: their state, pending timers and held"
				+ " events go, the files are compacted, and only a salted hash of each id stays, so that later events for"
				+ " them are dropped and counted) and from past output files (--out: every *.jsonl file under the folder is"
				+ " rewritten without their lines, atomically).",
		"Stop the run first: the state directory is locked while a run uses it (for `itinera serve`, use"
				+ " DELETE /v1/customers/{id}).",
		"Exit 0, 2 on errors." })
public final class ForgetCommand implements Callable<Integer> {
	@Parameters(paramLabel = "ID", arity = "0..*", description = "the ids of the customers to erase, as the events give them")
	List<String> ids = new ArrayList<>();

	@Option(names = "--ids", paramLabel = "FILE", description = "a file of ids to erase, one a line (blank lines and # comments skipped)")
	Path idsFile;

	@Option(names = "--state", paramLabel = "DIR", description = "the run's RocksDB state directory (run --state)")
	Path stateDirectory;

	@Option(names = "--out", paramLabel = "DIR", description = "the run's output folder (run --out): its *.jsonl files are rewritten")
	Path outputDirectory;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() throws IOException {
		PrintWriter out = spec.commandLine().getOut();
		try {
			Set<String> customers = customers();
			if (stateDirectory == null && outputDirectory == null) {
				throw CommandError.error("say where to erase from: --state DIR (a run's state) and/or --out DIR (its output files)");
			}
			if (stateDirectory != null && !Files.isDirectory(stateDirectory)) {
				throw CommandError.error("no state directory " + stateDirectory + ": give the --state a run wrote");
			}
			if (outputDirectory != null && !Files.isDirectory(outputDirectory)) {
				throw CommandError.error("no output folder " + outputDirectory + ": give the --out a run wrote");
			}
			Map<String, OutputRewrite.Result> rewritten = outputDirectory == null ? Map.of() : rewriteOutputs(customers, out);
			if (stateDirectory != null) {
				forgetInState(customers, rewritten, out);
			}
			return ExitCode.OK.code();
		} finally {
			out.flush();
		}
	}

	private Set<String> customers() throws IOException {
		Set<String> customers = new LinkedHashSet<>(ids);
		if (idsFile != null) {
			if (!Files.isRegularFile(idsFile)) {
				throw CommandError.error("no file " + idsFile + " (--ids): give a file of customer ids, one a line");
			}
			for (String line : Files.readAllLines(idsFile, StandardCharsets.UTF_8)) {
				String id = line.strip();
				if (!id.isEmpty() && !id.startsWith("#")) {
					customers.add(id);
				}
			}
		}
		if (customers.isEmpty()) {
			throw CommandError.error("no customer to erase: give their ids as arguments or in a file with --ids FILE");
		}
		return customers;
	}

	private Map<String, OutputRewrite.Result> rewriteOutputs(Set<String> customers, PrintWriter out) throws IOException {
		CustomerLines lines = new CustomerLines(customers);
		Map<String, OutputRewrite.Result> results = new LinkedHashMap<>();
		List<Path> files;
		try (Stream<Path> walk = Files.walk(outputDirectory)) {
			files = walk.filter(Files::isRegularFile)
					.filter(file -> file.getFileName().toString().endsWith(".jsonl"))
					.filter(file -> notHidden(outputDirectory.relativize(file)))
					.sorted().toList();
		}
		long removed = 0;
		for (Path file : files) {
			OutputRewrite.Result result = OutputRewrite.rewrite(file, lines);
			results.put(outputDirectory.relativize(file).toString(), result);
			removed += result.linesRemoved();
			if (result.linesRemoved() > 0) {
				out.println("Removed " + result.linesRemoved() + " line" + (result.linesRemoved() == 1 ? "" : "s") + " from " + file);
			}
		}
		out.println("Rewrote the output in " + outputDirectory + ": " + removed + " line" + (removed == 1 ? "" : "s") + " removed from "
				+ files.size() + " file" + (files.size() == 1 ? "" : "s") + ".");
		return results;
	}

	private void forgetInState(Set<String> customers, Map<String, OutputRewrite.Result> rewritten, PrintWriter out) {
		try (RocksDbStateStore store = new RocksDbStateStore(stateDirectory)) {
			int held = store.forget(customers, System.currentTimeMillis());
			Optional<RunProgress> progress = store.progress();
			if (progress.isPresent() && !rewritten.isEmpty()) {
				OutputPositions before = progress.get().outputs();
				OutputPositions after = new OutputPositions(
						moved(rewritten, JsonLinesOutput.ACTIONS, before.actions()),
						moved(rewritten, JsonLinesOutput.STAGE_CHANGES, before.stageChanges()),
						moved(rewritten, JsonLinesOutput.DEAD_LETTERS, before.deadLetters()),
						moved(rewritten, JsonLinesOutput.SUPPRESSIONS, before.suppressions()), before.topicOffsets());
				if (!after.equals(before)) {
					store.commit(new Checkpoint(progress.get().withOutputs(after), Map.of(), List.of()));
				}
			}
			out.println("Erased " + customers.size() + " customer" + (customers.size() == 1 ? "" : "s") + " from " + stateDirectory + " ("
					+ held + " had state there); later events for them are dropped. Their output lines: "
					+ (outputDirectory == null ? "rewrite them with --out DIR." : "removed above."));
		}
	}

	/** Hidden folders hold a run's working files (a sorted copy of the log), not its output. */
	private static boolean notHidden(Path relative) {
		for (Path part : relative) {
			if (part.toString().startsWith(".")) {
				return false;
			}
		}
		return true;
	}

	private static long moved(Map<String, OutputRewrite.Result> rewritten, String file, long position) {
		OutputRewrite.Result result = rewritten.get(file);
		return result == null ? position : result.newPosition(position);
	}
}
