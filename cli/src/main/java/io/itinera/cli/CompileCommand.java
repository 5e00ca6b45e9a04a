package io.itinera.cli;

import io.itinera.cli.vocabulary.ExitCode;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.PlanJson;
import io.itinera.runtime.rules.DrlGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code itinera compile FILE -o plan.json}: the journey's plan as versioned JSON; with {@code --drl}, its campaigns' DRL. */
@Command(name = "compile", description = "Compile a journey into its plan (JSON), the form the runtime executes; --drl prints the Drools rules of its campaigns instead.")
public final class CompileCommand implements Callable<Integer> {
	@Parameters(index = "0", paramLabel = "FILE", description = "the .journey file")
	Path file;

	@Option(names = { "-o", "--output" }, paramLabel = "PLAN", description = "where to write the plan (default: standard output)")
	Path output;

	@Option(names = "--drl", description = "write the DRL generated from the campaigns (and their raw drl blocks) instead of the plan")
	boolean drl;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() throws IOException {
		PrintWriter err = spec.commandLine().getErr();
		JourneyPlan plan = JourneyPlans.load(file, err);
		if (plan == null) {
			err.flush();
			return ExitCode.FAILED.code();
		}
		String json = drl ? new DrlGenerator().generate(plan).text() : PlanJson.write(plan);
		TextOutput.write(json + "\n", output, spec.commandLine().getOut());
		if (output != null) {
			err.println("Wrote the " + (drl ? "DRL" : "plan") + " of " + plan.name() + " to " + output + ".");
			err.flush();
		}
		return ExitCode.OK.code();
	}
}
