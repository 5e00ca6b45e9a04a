package io.itinera.runtime.workspace;

import io.itinera.runtime.plan.Cap;
import io.itinera.runtime.plan.Channel;
import io.itinera.runtime.plan.QuietHours;
import io.itinera.runtime.plan.SourceLocation;
import io.itinera.runtime.plan.Topic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A folder's {@code itinera.workspace}: what its journeys share, one setting a line ({@code #}
 * starts a comment):
 * <pre>
 * cap email 2 per 7 days      # per customer, every journey's sends of that channel
 * cap 5 per 7 days            # of any channel ("cap" may be left out)
 * quiet hours 22:00 - 08:00   # held for all journeys, released once when they end
 * zone Europe/Berlin          # for customers without a timezone attribute (default UTC)
 * topic promotions email opt-out      # subscription topics the journeys' sends name
 * topic newsletter email opt-in       #   (opt-out: sent until unsubscribed; opt-in: once subscribed;
 * topic receipts email transactional  #   transactional: always)
 * segment Big "Spent over 1000" = spend > 1000   # a segment every journey may name (one line; the journeys' compiler reads it)
 * test "…" { … }              # tests of the journeys together ({@link WorkspaceTests}), skipped here
 * </pre>
 * Errors name the file and line and what to write.
 */
public final class WorkspaceFile {
	public static final String NAME = "itinera.workspace";
	private static final Pattern CAP = Pattern.compile(
			"(?:cap\\s+)?(?:(email|sms|push|inapp)\\s+)?(\\d+)\\s+per\\s+(\\d+)\\s+(minutes?|hours?|days?|weeks?)");
	private static final Pattern QUIET = Pattern.compile("quiet\\s+hours\\s+(\\d{1,2}):(\\d{2})\\s*-\\s*(\\d{1,2}):(\\d{2})");
	private static final Pattern ZONE = Pattern.compile("zone\\s+(\\S+)");
	private static final Pattern TOPIC = Pattern.compile("topic\\s+([A-Za-z_][A-Za-z0-9_-]*)\\s+(\\S+)\\s+(\\S+)");
	private static final Pattern SEGMENT = Pattern.compile("segment\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*(\"[^\"]*\"\\s*)?=\\s*\\S.*");

	private WorkspaceFile() {
	}

	/** A line the file cannot have: the message names file and line. */
	public static final class WorkspaceFileException extends RuntimeException {
		public WorkspaceFileException(String message) {
			super(message);
		}
	}

	/** The settings of {@code folder}'s workspace file; {@link WorkspaceSettings#NONE} when it has none. */
	public static WorkspaceSettings readIn(Path folder) throws IOException {
		Path file = folder.resolve(NAME);
		return Files.isRegularFile(file) ? read(file, Files.readAllLines(file, StandardCharsets.UTF_8)) : WorkspaceSettings.NONE;
	}

	/** The settings in {@code lines}, the text of {@code file} (named in errors). */
	public static WorkspaceSettings read(Path file, List<String> lines) {
		List<Cap> caps = new ArrayList<>();
		QuietHours quiet = null;
		ZoneId zone = WorkspaceSettings.NONE.zone();
		List<Topic> topics = new ArrayList<>();
		java.util.Map<String, Integer> segments = new java.util.HashMap<>();
		for (int n = 1; n <= lines.size(); n++) {
			String line = lines.get(n - 1);
			int hash = line.indexOf('#');
			String text = (hash >= 0 ? line.substring(0, hash) : line).trim().toLowerCase(Locale.ROOT);
			if (text.isEmpty()) {
				continue;
			}
			if (WorkspaceTests.opensTest(line.substring(0, hash >= 0 ? hash : line.length()).trim())) {
				n = WorkspaceTests.blockEnd(file, lines, n - 1) + 1; // tests are read by WorkspaceTests
				continue;
			}
			SourceLocation at = new SourceLocation(file.toString(), n, 1);
			Matcher m;
			if ((m = CAP.matcher(text)).matches()) {
				int limit = Integer.parseInt(m.group(2));
				long period = Long.parseLong(m.group(3)) * unitMillis(m.group(4));
				if (limit < 1 || period < 1) {
					throw error(file, n, "a cap needs at least 1 message per a period longer than 0", "cap email 2 per 7 days");
				}
				Channel channel = m.group(1) == null ? null : Channel.valueOf(m.group(1).toUpperCase(Locale.ROOT));
				caps.add(new Cap(limit, period, channel, at));
			} else if ((m = QUIET.matcher(text)).matches()) {
				if (quiet != null) {
					throw error(file, n, "quiet hours are given twice", "one line: quiet hours 22:00 - 08:00");
				}
				int start = minute(file, n, m.group(1), m.group(2));
				int end = minute(file, n, m.group(3), m.group(4));
				quiet = new QuietHours(start, end, at);
			} else if ((m = ZONE.matcher(line.substring(0, hash >= 0 ? hash : line.length()).trim())).matches()) {
				try {
					zone = ZoneId.of(m.group(1));
				} catch (DateTimeException e) {
					throw error(file, n, m.group(1) + " is no time zone", "zone Europe/Berlin (or UTC)");
				}
			} else if (isSegment(line)) {
				segment(file, n, withoutComment(line), segments);
			} else if (text.startsWith("topic")) {
				topics.add(topic(file, n, line.substring(0, hash >= 0 ? hash : line.length()).trim(), at, topics));
			} else {
				throw error(file, n, "cannot read '" + line.trim() + "'",
						"cap [email|sms|push|inapp] N per D days|hours|weeks, quiet hours HH:MM - HH:MM, zone ZONE, "
								+ "topic NAME email|sms|push|inapp opt-out|opt-in|transactional, or segment NAME = CONDITION");
			}
		}
		return new WorkspaceSettings(caps, quiet, zone, topics);
	}

	/**
	 * The numbers (from 1) of the lines that declare a shared segment ({@code segment NAME ["title"] = CONDITION}),
	 * outside test blocks: the journey language reads their conditions, this file only their names.
	 */
	public static List<Integer> segmentLines(Path file, List<String> lines) {
		List<Integer> found = new ArrayList<>();
		for (int n = 1; n <= lines.size(); n++) {
			String text = withoutComment(lines.get(n - 1));
			if (WorkspaceTests.opensTest(text)) {
				n = WorkspaceTests.blockEnd(file, lines, n - 1) + 1;
			} else if (isSegment(lines.get(n - 1))) {
				found.add(n);
			}
		}
		return found;
	}

	/** A line without its {@code #} comment (a {@code #} inside a quoted title stays), trimmed. */
	public static String withoutComment(String line) {
		boolean quoted = false;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (c == '"') {
				quoted = !quoted;
			} else if (c == '#' && !quoted) {
				return line.substring(0, i).trim();
			}
		}
		return line.trim();
	}

	private static boolean isSegment(String line) {
		String text = line.trim();
		return text.startsWith("segment ") || text.startsWith("segment\t");
	}

	/** {@code segment Big "title" = spend > 1000}: its name, once in the file; the condition is the journeys' to read. */
	private static void segment(Path file, int n, String text, java.util.Map<String, Integer> earlier) {
		Matcher m = SEGMENT.matcher(text);
		if (!m.matches()) {
			throw error(file, n, "cannot read '" + text + "'", "segment NAME [\"title\"] = CONDITION on one line (segment Big = spend > 1000)");
		}
		Integer first = earlier.putIfAbsent(m.group(1), n);
		if (first != null) {
			throw error(file, n, "segment " + m.group(1) + " is declared twice (first at line " + first + ")",
					"each segment once, or rename one");
		}
	}

	/** {@code topic promotions email opt-out}: a subscription topic, declared once. */
	private static Topic topic(Path file, int n, String text, SourceLocation at, List<Topic> earlier) {
		String write = "topic NAME email|sms|push|inapp opt-out|opt-in|transactional (topic promotions email opt-out)";
		Matcher m = TOPIC.matcher(text);
		if (!m.matches()) {
			throw error(file, n, "cannot read '" + text + "'", write);
		}
		Channel channel;
		try {
			channel = Channel.valueOf(m.group(2).toUpperCase(Locale.ROOT));
		} catch (IllegalArgumentException e) {
			throw error(file, n, m.group(2) + " is no channel", write);
		}
		Topic.Kind kind = Topic.Kind.ofWord(m.group(3).toLowerCase(Locale.ROOT));
		if (kind == null) {
			throw error(file, n, m.group(3) + " is no kind of topic", write);
		}
		for (Topic topic : earlier) {
			if (topic.name().equals(m.group(1)) && topic.channel() == channel) {
				throw error(file, n, "topic " + m.group(1) + " on " + m.group(2) + " is declared twice (first at line "
						+ topic.location().line() + ")", "each topic once");
			}
		}
		return new Topic(m.group(1), channel, kind, at);
	}

	private static int minute(Path file, int line, String hours, String minutes) {
		int h = Integer.parseInt(hours);
		int m = Integer.parseInt(minutes);
		if (h > 23 || m > 59) {
			throw error(file, line, hours + ":" + minutes + " is no time of day", "a time from 00:00 to 23:59");
		}
		return h * 60 + m;
	}

	private static long unitMillis(String unit) {
		return switch (unit.replaceAll("s$", "")) {
			case "minute" -> 60_000L;
			case "hour" -> 3_600_000L;
			case "day" -> 86_400_000L;
			default -> 7 * 86_400_000L;
		};
	}

	private static WorkspaceFileException error(Path file, int line, String what, String write) {
		return new WorkspaceFileException(file + ":" + line + ": " + what + "; write " + write + ".");
	}
}
