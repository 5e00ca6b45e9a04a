package io.itinera.runtime.rules;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Drools refused a journey's rules. Errors in the generated rules are a compiler bug (the message
 * carries the DRL so it can be reported); errors in a raw block are the journey author's to fix.
 */
public final class DrlBuildException extends RuntimeException {
	private final transient List<DrlProblem> problems;
	private final transient JourneyDrl drl;

	public DrlBuildException(JourneyDrl drl, List<DrlProblem> problems) {
		super(message(drl, problems));
		this.drl = drl;
		this.problems = List.copyOf(problems);
	}

	private static String message(JourneyDrl drl, List<DrlProblem> problems) {
		String listed = problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n"));
		if (problems.stream().anyMatch(p -> !p.inRawBlock())) {
			return "itinera generated DRL for journey " + drl.journey() + " that Drools rejects; this is a bug in itinera, "
					+ "please report it with this message:\n" + listed + "\n---- generated DRL ----\n" + numbered(drl.generated());
		}
		return "the drl blocks of journey " + drl.journey() + " do not compile:\n" + listed;
	}

	private static String numbered(String text) {
		String[] lines = text.split("\n", -1);
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < lines.length; i++) {
			out.append(String.format("%4d  %s%n", i + 1, lines[i]));
		}
		return out.toString();
	}

	public List<DrlProblem> problems() {
		return problems;
	}

	public JourneyDrl drl() {
		return drl;
	}
}
