package io.itinera.cli;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Help that never cuts a sentence: picocli prints each element of a description array on its own
 * line and wraps each one separately, so a sentence split over two elements breaks in the middle.
 * Here every description becomes one paragraph that picocli wraps as a whole, and the list of
 * commands shows each command's first sentence, whole. A shared option that has no default in a
 * command does not say "(default: null)" there. Every text wraps at spaces only
 * ({@link WordWrappedTable}), never inside a file name.
 */
final class HelpText {
	private HelpText() {
	}

	static CommandLine tidy(CommandLine root) {
		tidy(root, new IdentityHashMap<>());
		return root;
	}

	private static void tidy(CommandLine line, Map<CommandSpec, Boolean> done) {
		CommandSpec spec = line.getCommandSpec();
		if (done.put(spec, Boolean.TRUE) != null) {
			return;
		}
		line.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST, HelpText::commandList);
		line.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_HEADER, help -> paragraphs(help, help.commandSpec().usageMessage().header()));
		line.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_DESCRIPTION,
				help -> paragraphs(help, help.commandSpec().usageMessage().description()));
		line.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_FOOTER, help -> paragraphs(help, help.commandSpec().usageMessage().footer()));
		line.setHelpFactory(WordWrappedHelp::new);
		String[] description = spec.usageMessage().description();
		if (description.length > 1) {
			spec.usageMessage().description(String.join(" ", description));
		}
		for (OptionSpec option : new ArrayList<>(spec.options())) {
			String text = String.join(" ", option.description());
			if (option.defaultValue() == null && option.initialValue() == null) {
				// a shared option without a default in this command (picocli gives the description already interpolated)
				text = text.replace(" (default: ${DEFAULT-VALUE})", "").replace(" (default: null)", "");
			}
			if (option.description().length > 0 && (option.description().length > 1 || !text.equals(option.description()[0]))
					&& option.group() == null) {
				spec.remove(option);
				spec.addOption(option.toBuilder().description(text).build());
			}
		}
		joinPositionalDescriptions(spec);
		for (CommandLine sub : line.getSubcommands().values()) {
			tidy(sub, done);
		}
	}

	/** A parameter's description in one paragraph, as an option's (re-added in order: their index stays). */
	private static void joinPositionalDescriptions(CommandSpec spec) {
		List<PositionalParamSpec> positionals = new ArrayList<>(spec.positionalParameters());
		if (positionals.stream().noneMatch(p -> p.description().length > 1 && p.group() == null)) {
			return;
		}
		for (PositionalParamSpec positional : positionals) {
			spec.remove(positional);
		}
		for (PositionalParamSpec positional : positionals) {
			spec.addPositional(positional.description().length > 1 && positional.group() == null
					? positional.toBuilder().description(String.join(" ", positional.description())).build() : positional);
		}
	}

	/** Lines of text (a header, description or footer) as picocli formats them, wrapped at spaces. */
	private static String paragraphs(Help help, String[] lines) {
		if (lines.length == 0) {
			return "";
		}
		WordWrappedTable table = new WordWrappedTable(help.colorScheme(),
				new Help.Column(help.commandSpec().usageMessage().width(), 0, Help.Column.Overflow.WRAP));
		table.indentWrappedLines = 0;
		for (String line : lines) {
			for (Help.Ansi.Text part : help.colorScheme().text(String.format(line)).splitLines()) {
				table.addRowValues(part);
			}
		}
		return table.toString();
	}

	/** Picocli's help, with its option and parameter lists wrapped at spaces. */
	private static final class WordWrappedHelp extends Help {
		WordWrappedHelp(CommandSpec spec, Help.ColorScheme colors) {
			super(spec, colors);
		}

		@Override
		public Layout createDefaultLayout(List<OptionSpec> options, List<PositionalParamSpec> positionals, Help.ColorScheme colors) {
			Layout layout = super.createDefaultLayout(options, positionals, colors);
			return new Layout(colors, WordWrappedTable.like(layout.textTable(), colors), layout.optionRenderer(),
					layout.parameterRenderer());
		}
	}

	/** Each command with the first sentence of its description (or its header), wrapped, not cut. */
	private static String commandList(Help help) {
		Map<String, Help> commands = help.subcommands();
		if (commands.isEmpty()) {
			return "";
		}
		int nameWidth = 0;
		for (String name : commands.keySet()) {
			nameWidth = Math.max(nameWidth, name.length());
		}
		int width = help.commandSpec().usageMessage().width();
		Help.TextTable table = new WordWrappedTable(help.colorScheme(),
				new Help.Column(nameWidth + 4, 2, Help.Column.Overflow.SPAN),
				new Help.Column(width - nameWidth - 4, 2, Help.Column.Overflow.WRAP));
		List<String> seen = new ArrayList<>();
		for (Map.Entry<String, Help> command : commands.entrySet()) {
			CommandSpec spec = command.getValue().commandSpec();
			if (seen.contains(spec.name())) {
				continue;
			}
			seen.add(spec.name());
			String[] header = spec.usageMessage().header();
			String text = header.length > 0 ? String.join(" ", header) : String.join(" ", spec.usageMessage().description());
			table.addRowValues(help.colorScheme().commandText(command.getKey()), help.colorScheme().text(firstSentence(text)));
		}
		return table.toString();
	}

	static String firstSentence(String text) {
		for (int i = 0; i + 1 < text.length(); i++) {
			if (text.charAt(i) == '.' && text.charAt(i + 1) == ' ') {
				return text.substring(0, i + 1);
			}
		}
		return text;
	}
}
