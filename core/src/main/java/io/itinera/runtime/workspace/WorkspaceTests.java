package io.itinera.runtime.workspace;

import io.itinera.runtime.plan.Channel;
import io.itinera.runtime.plan.EventType;
import io.itinera.runtime.plan.Expr;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.SourceLocation;
import io.itinera.runtime.plan.Stage;
import io.itinera.runtime.plan.TestCase;
import io.itinera.runtime.workspace.WorkspaceFile.WorkspaceFileException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code test "…" { … }} blocks of a workspace's {@code itinera.workspace}: tests of a customer
 * going through all the folder's journeys at once, written as a journey's tests are, with
 * expectations that may name the journey ({@code expect send email "x" from FirstOrder}, {@code
 * expect not sent email "y" from Loyalty held by priority}, {@code expect stage Loyalty.Repeat}).
 * The customer starts outside every journey; {@code given customer with} names attributes only.
 * They become {@link TestCase}s for the journeys' own runner. Errors name the file and line and
 * what to write.
 */
public final class WorkspaceTests {
	private static final Pattern OPENS_TEST = Pattern.compile("test(\\s|\").*");
	private static final Pattern TOKEN = Pattern.compile(
			"\\s+|(?<string>\"(?:[^\"\\\\]|\\\\.)*\")|(?<date>\\d{4}-\\d{2}-\\d{2})|(?<time>\\d{1,2}:\\d{2})"
					+ "|(?<number>-?\\d+(?:\\.\\d+)?)|(?<word>[A-Za-z_][A-Za-z0-9_]*)|(?<symbol>[{},=.])");
	private static final String REASONS = "lost to priority, held by priority, suppressed by workspace cap, suppressed by cap "
			+ "or held by quiet hours";

	private WorkspaceTests() {
	}

	/** Whether a line of the workspace file (trimmed) opens a test block. */
	static boolean opensTest(String trimmed) {
		return OPENS_TEST.matcher(trimmed).matches();
	}

	/**
	 * The index of the line that closes the test block opened on line index {@code start} (braces
	 * counted outside strings and comments).
	 */
	static int blockEnd(Path file, List<String> lines, int start) {
		int depth = 0;
		for (int n = start; n < lines.size(); n++) {
			String code = blankStrings(withoutComment(lines.get(n)));
			for (int i = 0; i < code.length(); i++) {
				char c = code.charAt(i);
				if (c == '{') {
					depth++;
				} else if (c == '}' && --depth == 0) {
					return n;
				}
			}
		}
		throw new WorkspaceFileException(file + ":" + (start + 1) + ": this test block is not closed; end it with } on a line of its own.");
	}

	/** Whether {@code folder} has a workspace file with a test block. */
	public static boolean hasTests(Path folder) throws IOException {
		Path file = folder.resolve(WorkspaceFile.NAME);
		return Files.isRegularFile(file) && Files.readAllLines(file, StandardCharsets.UTF_8).stream()
				.anyMatch(line -> opensTest(withoutComment(line).trim()));
	}

	/** The tests of {@code folder}'s workspace file (none without one), against its journeys. */
	public static List<TestCase> readIn(Path folder, List<JourneyPlan> plans) throws IOException {
		Path file = folder.resolve(WorkspaceFile.NAME);
		return Files.isRegularFile(file) ? read(file, Files.readAllLines(file, StandardCharsets.UTF_8), plans) : List.of();
	}

	/** The tests in {@code lines}, the text of {@code file}, whose names must be those of {@code plans}. */
	public static List<TestCase> read(Path file, List<String> lines, List<JourneyPlan> plans) {
		List<TestCase> tests = new ArrayList<>();
		for (int n = 0; n < lines.size(); n++) {
			if (opensTest(withoutComment(lines.get(n)).trim())) {
				int end = blockEnd(file, lines, n);
				tests.add(new Parser(file, tokens(file, lines, n, end), plans).test());
				n = end;
			}
		}
		return tests;
	}

	private static String withoutComment(String line) {
		String code = blankStrings(line);
		for (int i = 0; i < code.length(); i++) {
			char c = code.charAt(i);
			if (c == '#' || (c == '/' && i + 1 < code.length() && code.charAt(i + 1) == '/')) {
				return line.substring(0, i);
			}
		}
		return line;
	}

	/** {@code line} with what is inside its "strings" (escapes included) blanked, so braces and comment marks there do not count. */
	private static String blankStrings(String line) {
		char[] chars = line.toCharArray();
		boolean inString = false;
		for (int i = 0; i < chars.length; i++) {
			if (!inString) {
				inString = chars[i] == '"';
			} else if (chars[i] == '"') {
				inString = false;
			} else {
				if (chars[i] == '\\' && i + 1 < chars.length) {
					chars[i++] = ' ';
				}
				chars[i] = ' ';
			}
		}
		return new String(chars);
	}

	private record Token(String kind, String text, int line, int column) {
		boolean is(String word) {
			return !kind.equals("string") && text.equals(word);
		}
	}

	private static List<Token> tokens(Path file, List<String> lines, int from, int to) {
		List<Token> tokens = new ArrayList<>();
		for (int n = from; n <= to; n++) {
			String code = withoutComment(lines.get(n));
			Matcher m = TOKEN.matcher(code);
			int at = 0;
			while (at < code.length()) {
				if (!m.find(at) || m.start() != at) {
					throw new WorkspaceFileException(file + ":" + (n + 1) + ": cannot read '" + code.substring(at).trim()
							+ "' in a test; write given, on, after, at or expect lines as in a journey's tests.");
				}
				for (String kind : List.of("string", "date", "time", "number", "word", "symbol")) {
					if (m.group(kind) != null) {
						String text = kind.equals("string") ? unquote(m.group(kind)) : m.group(kind);
						tokens.add(new Token(kind, text, n + 1, at + 1));
					}
				}
				at = m.end();
			}
		}
		return tokens;
	}

	private static String unquote(String quoted) {
		return quoted.substring(1, quoted.length() - 1).replaceAll("\\\\(.)", "$1");
	}

	/** One test block's tokens into a {@link TestCase}. */
	private static final class Parser {
		private final Path file;
		private final List<Token> tokens;
		private final List<JourneyPlan> plans;
		private int next;

		Parser(Path file, List<Token> tokens, List<JourneyPlan> plans) {
			this.file = file;
			this.tokens = tokens;
			this.plans = plans;
		}

		TestCase test() {
			Token start = word("test", "test \"what it checks\" {");
			String title = string("a title in quotes: test \"what it checks\" {");
			symbol("{", "test \"" + title + "\" {");
			word("given", "given customer [with attribute = value, …] first in a test");
			boolean holdout = accept("holdout");
			word("customer", "given customer [with attribute = value, …]");
			if (peek().is("in")) {
				throw error(peek(), "a workspace test starts with the customer outside every journey",
						"given customer, then the events that bring them in (on purchase with …)");
			}
			List<TestCase.Given> givens = new ArrayList<>();
			if (accept("with")) {
				do {
					Token name = word(null, "given customer with attribute = value");
					if (plans.stream().noneMatch(p -> p.attributes().stream().anyMatch(a -> a.name().equals(name.text())))) {
						throw error(name, "no journey of the workspace has a customer attribute '" + name.text() + "'",
								"given customer with an attribute of a journey's customer { … } (features and scores come from events here)");
					}
					symbol("=", name.text() + " = value");
					givens.add(new TestCase.Given(TestCase.SymbolKind.ATTRIBUTE, name.text(), literal(), at(name)));
				} while (acceptSymbol(","));
			}
			List<TestCase.Step> steps = new ArrayList<>();
			while (!peek().is("}")) {
				steps.add(step());
			}
			next++;
			if (next < tokens.size()) {
				throw error(tokens.get(next), "a test block ends at its closing }", "the next test on a new line");
			}
			return new TestCase(title, null, givens, null, null, List.of(), at(start), holdout, steps);
		}

		private TestCase.Step step() {
			Token first = peek();
			if (accept("at")) {
				String date = peek().kind().equals("date") ? tokens.get(next++).text() : null;
				Token time = take("time", "at [YYYY-MM-DD] HH:MM");
				String[] parts = time.text().split(":");
				int hours = Integer.parseInt(parts[0]);
				int minutes = Integer.parseInt(parts[1]);
				if (hours > 23 || minutes > 59) {
					throw error(time, time.text() + " is no time of day", "a time from 00:00 to 23:59");
				}
				return new TestCase.At(date, hours * 60 + minutes, at(first));
			}
			if (accept("after")) {
				return new TestCase.After(duration(), at(first));
			}
			if (accept("on")) {
				return new TestCase.On(event(first));
			}
			if (accept("expect")) {
				return new TestCase.Expect(expectation(first));
			}
			throw error(first, "a test step cannot start with '" + first.text() + "'",
					"on EVENT [with field = value, …], after DURATION, at [DATE] HH:MM or expect …");
		}

		private TestCase.TestEvent event(Token on) {
			Token name = word(null, "on EVENT [with field = value, …]");
			EventType type = plans.stream().map(p -> p.event(name.text())).filter(e -> e != null).findFirst().orElse(null);
			if (type == null) {
				throw error(name, "no journey of the workspace declares the event '" + name.text() + "'",
						"on an event one of the journeys declares");
			}
			List<TestCase.FieldValue> values = new ArrayList<>();
			if (accept("with")) {
				do {
					Token field = word(null, "on " + name.text() + " with field = value");
					if (type.field(field.text()) == null) {
						throw error(field, "the event " + name.text() + " has no field '" + field.text() + "'",
								"one of its fields: " + String.join(", ", type.fields().stream().map(f -> f.name()).toList()));
					}
					symbol("=", field.text() + " = value");
					values.add(new TestCase.FieldValue(field.text(), literal(), at(field)));
				} while (acceptSymbol(","));
			}
			return new TestCase.TestEvent(name.text(), values, at(on));
		}

		private TestCase.Expectation expectation(Token expect) {
			SourceLocation where = at(expect);
			if (accept("nothing")) {
				return new TestCase.ExpectNothing(where);
			}
			if (accept("stage")) {
				Token journey = word(null, "expect stage Journey.Stage");
				symbol(".", "expect stage " + journey.text() + ".Stage");
				Token stage = word(null, "expect stage " + journey.text() + ".Stage");
				JourneyPlan plan = journey(journey);
				if (plan.stages().stream().map(Stage::name).noneMatch(stage.text()::equals)) {
					throw error(stage, "journey " + plan.name() + " has no stage '" + stage.text() + "'",
							"one of " + String.join(", ", plan.stages().stream().map(Stage::name).toList()));
				}
				return new TestCase.InJourney(plan.name(), new TestCase.ExpectStage(stage.text(), where));
			}
			boolean negated = accept("no");
			TestCase.Expectation expectation;
			if (!negated && accept("not")) {
				word("sent", "expect not sent CHANNEL \"template\" [from Journey] " + REASONS);
				Channel channel = channel();
				String template = string("expect not sent " + channel.name().toLowerCase(Locale.ROOT) + " \"template\"");
				String journey = from();
				expectation = new TestCase.ExpectDelivery(false, reason(), channel, template, where);
				return journey == null ? expectation : new TestCase.InJourney(journey, expectation);
			}
			if (accept("send") || accept("held") || accept("capped")) {
				String kind = tokens.get(next - 1).text();
				Channel channel = channel();
				String template = string("expect " + kind + " " + channel.name().toLowerCase(Locale.ROOT) + " \"template\"");
				if (negated && kind.equals("send") && accept("because")) {
					word("not", "because not subscribed");
					word("subscribed", "because not subscribed");
					expectation = new TestCase.ExpectDelivery(false, TestCase.Delivery.NOT_SUBSCRIBED, channel, template, where);
				} else {
					expectation = kind.equals("send") ? new TestCase.ExpectSend(negated, channel, template, where)
							: new TestCase.ExpectDelivery(negated, kind.equals("held") ? TestCase.Delivery.HELD
									: TestCase.Delivery.CAPPED, channel, template, where);
				}
			} else if (accept("tag")) {
				expectation = new TestCase.ExpectTag(negated, string("expect tag \"name\""), where);
			} else if (accept("goal")) {
				expectation = new TestCase.ExpectGoal(negated, where);
			} else {
				throw error(peek(), "cannot read this expectation",
						"expect [no] send|held|capped CHANNEL \"template\" [from Journey], expect no send CHANNEL \"template\" because not "
								+ "subscribed [from Journey], expect not sent CHANNEL \"template\" "
								+ "[from Journey] " + REASONS + ", expect stage Journey.Stage, expect [no] goal [from Journey], "
								+ "expect [no] tag \"t\" [from Journey] or expect nothing");
			}
			String journey = from();
			return journey == null ? expectation : new TestCase.InJourney(journey, expectation);
		}

		/** Why a message was not sent, as the test says it. */
		private TestCase.Delivery reason() {
			Token first = peek();
			if (accept("lost")) {
				word("to", "lost to priority");
				word("priority", "lost to priority");
				return TestCase.Delivery.LOST_TO_PRIORITY;
			}
			if (accept("held")) {
				word("by", "held by priority (or held by quiet hours)");
				if (accept("quiet")) {
					word("hours", "held by quiet hours");
					return TestCase.Delivery.HELD;
				}
				word("priority", "held by priority (or held by quiet hours)");
				return TestCase.Delivery.HELD_BY_PRIORITY;
			}
			if (accept("suppressed")) {
				word("by", "suppressed by workspace cap (or suppressed by cap)");
				boolean workspace = accept("workspace");
				word("cap", "suppressed by workspace cap (or suppressed by cap)");
				return workspace ? TestCase.Delivery.CAPPED_BY_WORKSPACE : TestCase.Delivery.CAPPED;
			}
			throw error(first, "say why the message was not sent", REASONS);
		}

		private String from() {
			return accept("from") ? journey(word(null, "from Journey")).name() : null;
		}

		private JourneyPlan journey(Token name) {
			return plans.stream().filter(p -> p.name().equals(name.text())).findFirst()
					.orElseThrow(() -> error(name, "the workspace has no journey '" + name.text() + "'",
							"one of " + String.join(", ", plans.stream().map(JourneyPlan::name).toList())));
		}

		private Channel channel() {
			Token token = peek();
			try {
				Channel channel = Channel.valueOf(token.text().toUpperCase(Locale.ROOT));
				next++;
				return channel;
			} catch (IllegalArgumentException e) {
				throw error(token, "'" + token.text() + "' is no channel", "email, sms, push or inapp");
			}
		}

		private long duration() {
			Token amount = take("number", "after N minutes|hours|days|weeks");
			Token unit = word(null, "after " + amount.text() + " minutes|hours|days|weeks");
			long millis = switch (unit.text().replaceAll("s$", "")) {
				case "second" -> 1_000L;
				case "minute" -> 60_000L;
				case "hour" -> 3_600_000L;
				case "day" -> 86_400_000L;
				case "week" -> 7 * 86_400_000L;
				default -> throw error(unit, "'" + unit.text() + "' is no unit of time", "seconds, minutes, hours, days or weeks");
			};
			if (!amount.text().matches("\\d+") || Long.parseLong(amount.text()) < 1) {
				throw error(amount, "a duration is a whole number above 0", "after 1 day");
			}
			return Long.parseLong(amount.text()) * millis;
		}

		private Expr literal() {
			Token token = peek();
			next++;
			SourceLocation where = at(token);
			return switch (token.kind()) {
				case "string" -> new Expr.StringLit(token.text(), where);
				case "number" -> new Expr.NumberLit(Double.parseDouble(token.text()), where);
				default -> {
					if (token.is("true") || token.is("false")) {
						yield new Expr.BooleanLit(token.is("true"), where);
					}
					throw error(token, "a test value is a number, text in quotes, true or false", "amount = 30 or email = \"a@b.c\"");
				}
			};
		}

		private Token peek() {
			if (next >= tokens.size()) {
				Token last = tokens.get(tokens.size() - 1);
				throw error(last, "the test ends too early", "a complete test ending with }");
			}
			return tokens.get(next);
		}

		private boolean accept(String word) {
			if (next < tokens.size() && tokens.get(next).kind().equals("word") && tokens.get(next).text().equals(word)) {
				next++;
				return true;
			}
			return false;
		}

		private boolean acceptSymbol(String symbol) {
			if (next < tokens.size() && tokens.get(next).kind().equals("symbol") && tokens.get(next).text().equals(symbol)) {
				next++;
				return true;
			}
			return false;
		}

		/** The next word ({@code expected}, or any when null). */
		private Token word(String expected, String write) {
			Token token = peek();
			if (!token.kind().equals("word") || (expected != null && !token.text().equals(expected))) {
				throw error(token, expected == null ? "expected a name, found '" + token.text() + "'"
						: "expected '" + expected + "', found '" + token.text() + "'", write);
			}
			next++;
			return token;
		}

		private String string(String write) {
			return take("string", write).text();
		}

		private void symbol(String symbol, String write) {
			Token token = peek();
			if (!acceptSymbol(symbol)) {
				throw error(token, "expected '" + symbol + "', found '" + token.text() + "'", write);
			}
		}

		private Token take(String kind, String write) {
			Token token = peek();
			if (!token.kind().equals(kind)) {
				throw error(token, "cannot read '" + token.text() + "' here", write);
			}
			next++;
			return token;
		}

		private SourceLocation at(Token token) {
			return new SourceLocation(file.toString(), token.line(), token.column());
		}

		private WorkspaceFileException error(Token token, String what, String write) {
			return new WorkspaceFileException(file + ":" + token.line() + ": " + what + "; write " + write + ".");
		}
	}
}
