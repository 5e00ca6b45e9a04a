package io.itinera.cli;

import io.itinera.cli.vocabulary.ExitCode;
import io.itinera.runtime.change.PlanChange;
import io.itinera.runtime.change.PlanDiff;
import io.itinera.runtime.plan.JourneyPlan;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code itinera diff OLD NEW}: what changed between two versions of a journey; exit 1 when anything did. */
@Command(name = "diff", description = "What changed between two versions of a journey (stages, transitions, timers, features,"
		+ " models, campaigns, splits), each with its line in both files. Exit 0 when identical, 1 when changed, 2 on errors.")
public final class DiffCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "OLD", description = "the running version: a .journey file or a compiled plan.json")
	Path oldFile;

	@Parameters(index = "1", paramLabel = "NEW", description = "the new version: a .journey file or a compiled plan.json")
	Path newFile;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		PrintWriter out = spec.commandLine().getOut();
		PrintWriter err = spec.commandLine().getErr();
		JourneyPlan oldPlan = JourneyPlans.load(oldFile, err);
		JourneyPlan newPlan = JourneyPlans.load(newFile, err);
		if (oldPlan == null || newPlan == null) {
			err.flush();
			return ExitCode.ERROR.code();
		}
		List<PlanChange> changes = PlanDiff.between(oldPlan, newPlan);
		if (changes.isEmpty()) {
			out.println("No changes from " + oldFile + " to " + newFile + ".");
		} else {
			out.println("Changes from " + oldFile + " to " + newFile + ":");
			for (PlanChange change : changes) {
				out.println("  " + change.description());
				out.println("      " + change.where());
			}
			out.println(changes.size() + " change" + (changes.size() == 1 ? "" : "s")
					+ ". Check what they do to customers already in the journey: itinera check " + newFile + " --against " + oldFile);
		}
		out.flush();
		return (changes.isEmpty() ? ExitCode.OK : ExitCode.FAILED).code();
	}
}
