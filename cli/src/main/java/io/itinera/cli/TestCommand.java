package io.itinera.cli;

import io.itinera.cli.vocabulary.ExitCode;
import io.itinera.cli.journey.JourneyLoader;
import io.itinera.runtime.testing.JourneyTestResult;
import io.itinera.runtime.workspace.WorkspaceFile;
import io.itinera.runtime.workspace.WorkspaceTests;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code itinera test FILE…|DIR}: runs the journeys' own tests and says which failed and why. */
@Command(name = "test", description = "Run the test blocks of journeys; a folder runs every .journey file below it, and the tests of "
		+ "every itinera.workspace below it (its journeys together).")
public final class TestCommand implements Callable<Integer> {
	@Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = ".journey files, itinera.workspace files or folders")
	List<Path> paths;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() throws IOException {
		PrintWriter out = spec.commandLine().getOut();
		PrintWriter err = spec.commandLine().getErr();
		List<Path> files = JourneyLoader.expandNamedPaths(paths, err);
		if (files == null) {
			return ExitCode.ERROR.code();
		}
		files = files.stream().filter(file -> !file.getFileName().toString().equals(WorkspaceFile.NAME)).toList();
		JourneyTestSuite suite = new JourneyTestSuite();
		long passed = 0;
		long failed = 0;
		List<JourneyTestSuite.FileResults> all = new ArrayList<>();
		for (Path file : files) {
			all.add(suite.run(file));
		}
		for (Path folder : workspaceFolders(paths)) {
			all.add(suite.runWorkspace(folder));
		}
		for (JourneyTestSuite.FileResults results : all) {
			Path file = results.file();
			if (!results.errors().isEmpty()) {
				results.errors().forEach(out::println);
				out.println(file + ": its tests cannot run until the errors above are fixed.");
				failed++;
				continue;
			}
			for (JourneyTestResult result : results.results()) {
				if (!result.passed()) {
					out.print(result.report());
				}
			}
			passed += results.passed();
			failed += results.failed();
		}
		out.println(passed + " passed, " + failed + " failed");
		out.flush();
		return (failed == 0 ? ExitCode.OK : ExitCode.FAILED).code();
	}

	/** The folders named, or below a named folder, whose {@code itinera.workspace} has tests (a named workspace file's too). */
	static List<Path> workspaceFolders(List<Path> paths) throws IOException {
		Set<Path> folders = new TreeSet<>();
		for (Path path : paths) {
			if (Files.isDirectory(path)) {
				try (Stream<Path> walk = Files.walk(path)) {
					walk.filter(p -> p.getFileName().toString().equals(WorkspaceFile.NAME)).forEach(p -> folders.add(p.getParent()));
				}
			} else if (path.getFileName().toString().equals(WorkspaceFile.NAME)) {
				folders.add(path.toAbsolutePath().normalize().getParent());
			}
		}
		List<Path> withTests = new ArrayList<>();
		for (Path folder : folders) {
			if (WorkspaceTests.hasTests(folder)) {
				withTests.add(folder);
			}
		}
		return withTests;
	}
}
