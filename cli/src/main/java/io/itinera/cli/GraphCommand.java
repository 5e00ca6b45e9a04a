package io.itinera.cli;

import io.itinera.cli.vocabulary.ExitCode;
import io.itinera.runtime.graph.GraphExport;
import io.itinera.runtime.graph.JourneyGraph;
import io.itinera.runtime.plan.JourneyPlan;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code itinera graph FILE --format mermaid|dot}: the journey's stages and transitions as a diagram. */
@Command(name = "graph", description = "Print the journey's graph (stages and transitions) as Mermaid or DOT.")
public final class GraphCommand implements Callable<Integer> {
	enum Format {
		MERMAID, DOT
	}

	@Parameters(index = "0", paramLabel = "FILE", description = "the .journey file (or a plan.json)")
	Path file;

	@Option(names = "--format", defaultValue = "mermaid", description = "mermaid or dot (default: ${DEFAULT-VALUE})")
	Format format;

	@Option(names = { "-o", "--output" }, paramLabel = "OUT", description = "where to write it (default: standard output)")
	Path output;

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
		JourneyGraph graph = new JourneyGraph(plan);
		String text = format == Format.DOT ? GraphExport.dot(graph) : GraphExport.mermaid(graph);
		TextOutput.write(text, output, spec.commandLine().getOut());
		return ExitCode.OK.code();
	}
}
