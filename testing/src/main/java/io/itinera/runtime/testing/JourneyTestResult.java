package io.itinera.runtime.testing;

import io.itinera.runtime.delivery.DeliveryOutcome;
import io.itinera.runtime.plan.TestCase;
import io.itinera.runtime.step.ActionRecord;
import io.itinera.runtime.step.DeliveryNotice;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How one journey test went: the expectations that did not hold (in words), what the customer
 * actually got and the stage they ended in.
 */
public record JourneyTestResult(TestCase test, List<String> unmet, List<ActionRecord> actions, String stage,
		List<DeliveryNotice> notices) {
	public JourneyTestResult {
		unmet = List.copyOf(unmet);
		actions = List.copyOf(actions);
		notices = List.copyOf(notices);
	}

	public boolean passed() {
		return unmet.isEmpty();
	}

	/** "file:line" of the test. */
	public String where() {
		return test.location().file() + ":" + test.location().line();
	}

	/** The failure as a marketer reads it: where, what was expected, what happened. */
	public String report() {
		StringBuilder out = new StringBuilder();
		out.append(where()).append(": test \"").append(test.title()).append("\" failed\n");
		out.append("  expected: ").append(String.join("; ", unmet)).append('\n');
		out.append("  actual:   ").append(actual()).append('\n');
		return out.toString();
	}

	/** What happened, in words: the messages and tags, held or capped ones, and the stage. */
	public String actual() {
		return actual(actions, notices, stage);
	}

	/** What happened in some steps of a test, in words (see {@link #actual()}). */
	static String actual(List<ActionRecord> actions, List<DeliveryNotice> notices, String stage) {
		String sent = actions.isEmpty() ? "nothing was sent" : "got " + actions.stream().map(JourneyTestResult::describe)
				.collect(Collectors.joining(", "));
		StringBuilder out = new StringBuilder(sent);
		for (DeliveryNotice notice : notices) {
			String what = "send " + notice.channel() + " \"" + notice.target() + "\"" + from(notice.journey());
			String cap = notice.cap() == null ? "" : " (" + notice.cap() + ")";
			if (notice.outcome() == DeliveryOutcome.HELD_BY_QUIET_HOURS) {
				out.append(" (").append(what).append(" is held by quiet hours until ").append(utcTime(notice.releaseAt()))
						.append(")");
			} else if (notice.outcome() == DeliveryOutcome.HELD_FOR_BEST_HOUR) {
				out.append(" (").append(what).append(" is held for the customer's best hour until ").append(utcTime(notice.releaseAt()))
						.append(")");
			} else if (notice.outcome() == DeliveryOutcome.SUPPRESSED_BY_CAP) {
				out.append(" (").append(what).append(" was stopped by a frequency cap").append(cap).append(")");
			} else if (notice.outcome() == DeliveryOutcome.LOST_TO_PRIORITY) {
				out.append(" (").append(what).append(" lost to priority: ").append(notice.lostToJourney()).append(" took the cap")
						.append(cap).append(")");
			} else if (notice.outcome() == DeliveryOutcome.HELD_BY_PRIORITY) {
				out.append(" (").append(what).append(" is held by priority until ").append(utcTime(notice.releaseAt()))
						.append(": ").append(notice.lostToJourney()).append(" took the cap").append(cap).append(")");
			}
		}
		out.append("; the customer ").append(stage == null ? "left the journey" : "is in stage " + stage);
		return out.toString();
	}

	static String describe(ActionRecord action) {
		return switch (action.kind()) {
			case "send" -> "send " + action.channel().toLowerCase(Locale.ROOT) + " \"" + action.target() + "\"";
			case "webhook" -> "webhook \"" + action.target() + "\"";
			default -> action.kind() + " \"" + action.target() + "\"";
		} + from(action.journey());
	}

	/** " from Journey" in a workspace's tests, else nothing. */
	private static String from(String journey) {
		return journey == null ? "" : " from " + journey;
	}

	private static String utcTime(long at) {
		return Instant.ofEpochMilli(at).atOffset(ZoneOffset.UTC).toLocalTime() + " UTC";
	}
}
