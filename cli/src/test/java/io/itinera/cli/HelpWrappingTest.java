package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/** Help wraps at spaces: a file name in it stays whole on one line, and no line is wider than the usage width. */
class HelpWrappingTest {
	private static final Pattern FILE_NAME = Pattern.compile("[\\w./{}-]*\\w\\.(journey|jsonl|json|md|csv|html|onnx|workspace|yaml)\\b");

	@Test
	void fileNamesInTheHelpAreNeverCutAtTheirDot() {
		List<String> names = new ArrayList<>();
		for (CommandLine line : everyCommand(ItineraCommand.commandLine(), new ArrayList<>())) {
			String usage = line.getUsageMessage(CommandLine.Help.Ansi.OFF);
			for (String row : usage.split("\\R")) {
				assertTrue(row.length() <= line.getCommandSpec().usageMessage().width(), line.getCommandSpec().qualifiedName() + ": " + row);
			}
			Matcher name = FILE_NAME.matcher(texts(line.getCommandSpec()));
			while (name.find()) {
				names.add(name.group());
				assertTrue(usage.contains(name.group()), line.getCommandSpec().qualifiedName() + " cuts " + name.group() + ":\n" + usage);
			}
		}
		assertTrue(names.contains("report.json") && names.contains("docs/flink.md"), names.toString());
	}

	@Test
	void wrappedLinesKeepTheirIndentAndEveryWord() {
		String run = ItineraCommand.commandLine("run", "--help").getSubcommands().get("run").getUsageMessage(CommandLine.Help.Ansi.OFF);
		String parameter = run.substring(run.indexOf("FILE|DIR  "));
		parameter = parameter.substring(0, parameter.indexOf("--actions-topic"));
		assertEquals("FILE|DIR the .journey file (or a plan.json from itinera compile), or a workspace folder: every journey in it "
				+ "over one stream, with its itinera.workspace (docs/workspaces.md)", parameter.strip().replaceAll("\\s+", " "), parameter);
		for (String row : parameter.strip().split("\\R")) {
			assertTrue(row.startsWith("FILE|DIR") || row.startsWith(" ".repeat(29)), "a wrapped line is indented under the first: " + row);
		}
	}

	private static List<CommandLine> everyCommand(CommandLine line, List<CommandLine> all) {
		all.add(line);
		for (CommandLine sub : line.getSubcommands().values()) {
			if (all.stream().noneMatch(seen -> seen.getCommandSpec() == sub.getCommandSpec())) {
				everyCommand(sub, all);
			}
		}
		return all;
	}

	/** The texts the help shows of a command: its description, and its options' and parameters'. */
	private static String texts(CommandSpec spec) {
		StringBuilder text = new StringBuilder(String.join(" ", spec.usageMessage().description()));
		for (ArgSpec arg : spec.args()) {
			if (!arg.hidden()) {
				text.append(' ').append(String.join(" ", arg.description()));
			}
		}
		return text.toString();
	}
}
