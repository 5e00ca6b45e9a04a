package io.itinera.cli;

import io.itinera.cli.journey.JourneyLoader;
import io.itinera.runtime.testing.JourneyTestResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code itinera test FILE…|DIR}: runs the journeys' own tests and says which failed and why. */
@Command(name = "test", description = "Run the test blocks of journeys; a folder runs every .journey file below it.")
public final class TestCommand implements Callable<Integer> {
	@Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = ".journey files or folders")
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
		JourneyTestSuite suite = new JourneyTestSuite();
		long passed = 0;
		long failed = 0;
		for (Path file : files) {
			JourneyTestSuite.FileResults results = suite.run(file);
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
}
