package io.itinera.cli;

import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.PlanJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code itinera compile FILE -o plan.json}: the journey's plan as versioned JSON. */
@Command(name = "compile", description = "Compile a journey into its plan (JSON), the form the runtime executes.")
public final class CompileCommand implements Callable<Integer> {
	@Parameters(index = "0", paramLabel = "FILE", description = "the .journey file")
	Path file;

	@Option(names = { "-o", "--output" }, paramLabel = "PLAN", description = "where to write the plan (default: standard output)")
	Path output;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() throws IOException {
		PrintWriter err = spec.commandLine().getErr();
		JourneyPlan plan = JourneyPlans.load(file, err);
		if (plan == null) {
			err.flush();
			return 1;
		}
		String json = PlanJson.write(plan);
		if (output == null) {
			spec.commandLine().getOut().println(json);
			spec.commandLine().getOut().flush();
		} else {
			Path parent = output.toAbsolutePath().getParent();
			if (parent != null) {
				Files.createDirectories(parent);
			}
			Files.writeString(output, json + "\n");
			err.println("Wrote the plan of " + plan.name() + " to " + output + ".");
			err.flush();
		}
		return 0;
	}
}
