package io.itinera.runtime.rules;

import io.itinera.runtime.plan.Campaign;
import io.itinera.runtime.plan.CampaignRule;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.SourceLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an exception Drools threw while evaluating a journey's rules into a
 * {@link RuleEvaluationException} naming the rule's file and line. The rule is found by its name in
 * the exception's messages (Drools names it for a failing consequence or constraint), else by the
 * expression MVEL quotes ({@code [Near : {... text ...}]}) in the rule's DRL; failing both, the
 * journey's campaigns are named.
 */
final class RuleFailures {
	private static final Pattern NEAR = Pattern.compile("\\[Near : \\{\\.\\.\\.(.*?)\\.\\.\\.\\.}]", Pattern.DOTALL);
	private static final Pattern RAW_RULE = Pattern.compile("(?m)^\\s*rule\\s+\"((?:[^\"\\\\]|\\\\.)*)\"");

	private record KnownRule(String name, String describe, SourceLocation location, String text) {
	}

	private final List<KnownRule> rules = new ArrayList<>();
	private final SourceLocation journey;

	RuleFailures(JourneyPlan plan, JourneyDrl drl) {
		this.journey = plan.location();
		for (Campaign campaign : plan.campaigns()) {
			for (CampaignRule rule : campaign.rules()) {
				String name = campaign.name() + " :: " + rule.title();
				rules.add(new KnownRule(name, "rule \"" + rule.title() + "\" of campaign " + campaign.name(), rule.location(),
						ruleText(drl.generated(), name)));
			}
			if (campaign.drl() != null) {
				Matcher raw = RAW_RULE.matcher(campaign.drl());
				List<Integer> starts = new ArrayList<>();
				List<String> names = new ArrayList<>();
				while (raw.find()) {
					starts.add(raw.start());
					names.add(raw.group(1));
				}
				for (int i = 0; i < names.size(); i++) {
					String text = campaign.drl().substring(starts.get(i), i + 1 < starts.size() ? starts.get(i + 1) : campaign.drl().length());
					rules.add(new KnownRule(names.get(i), "rule \"" + names.get(i) + "\" in the drl block of campaign " + campaign.name(),
							campaign.location(), text));
				}
			}
		}
	}

	RuleEvaluationException explain(RuntimeException error) {
		KnownRule rule = byName(error);
		if (rule == null) {
			rule = byExpression(error);
		}
		String where = rule == null ? place(journey) + ": the campaign rules" : place(rule.location()) + ": " + rule.describe();
		return new RuleEvaluationException(where + " failed for this customer: " + rootCause(error)
				+ ". Check that the rule compares values of the same type (text with \"text\", numbers with numbers).", error);
	}

	private KnownRule byName(Throwable error) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			String message = cause.getMessage();
			if (message == null) {
				continue;
			}
			for (KnownRule rule : rules) {
				if (message.contains("\"" + rule.name() + "\"")) {
					return rule;
				}
			}
		}
		return null;
	}

	private KnownRule byExpression(Throwable error) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			Matcher near = cause.getMessage() == null ? null : NEAR.matcher(cause.getMessage());
			if (near == null || !near.find()) {
				continue;
			}
			String quoted = near.group(1).strip();
			for (KnownRule rule : rules) {
				if (!quoted.isEmpty() && rule.text().contains(quoted)) {
					return rule;
				}
			}
		}
		return null;
	}

	/** The text of a generated rule, from its header to its {@code end}; empty when it is not there. */
	private static String ruleText(String drl, String name) {
		int start = drl.indexOf("\nrule " + DrlExpressions.quote(name) + "\n");
		if (start < 0) {
			return "";
		}
		int end = drl.indexOf("\nend\n", start);
		return drl.substring(start, end < 0 ? drl.length() : end);
	}

	/** The innermost cause, as its class's simple name and the first line of its message. */
	private static String rootCause(Throwable error) {
		Throwable root = error;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = root.getMessage() == null ? "" : root.getMessage().strip();
		int newline = message.indexOf('\n');
		if (newline >= 0) {
			message = message.substring(0, newline).strip();
		}
		if (message.length() > 200) {
			message = message.substring(0, 200) + "…";
		}
		return root.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
	}

	private static String place(SourceLocation location) {
		return location == null ? "?" : location.file() + ":" + location.line();
	}
}
