package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code check} over 200 mutated sample journeys (a fixed seed: tokens deleted, doubled and inserted,
 * 5,000-character tokens, newlines in strings, emoji): every diagnostic is one {@code file:line:col:}
 * line under 300 characters, in the journey's words (no parser jargon), and nothing throws.
 */
class CheckMutationTest {
	private static final Pattern TOKEN = Pattern.compile("\"(?:[^\"\\\\\\n]|\\\\.)*\"|[A-Za-z_][A-Za-z0-9_]*|\\d+(?:\\.\\d+)?|\\S");
	private static final Pattern DIAGNOSTIC = Pattern.compile("^(.+\\.journey):(\\d+):(\\d+): (error|warning): (.+)$");
	private static final Pattern PARSER_JARGON = Pattern.compile(
			"mismatched input|extraneous input|no viable alternative|missing \\S+ at '|expecting |RULE_|mismatched character"
					+ "|required \\(\\.\\.\\.\\)|<EOF>|token recognition error|EarlyExitException|RecognitionException");
	private static final String[] JUNK = { "@", "#", "$", "%", "`", "->", "{", "}", "(", ")", "\"", "'", ",", "=", "==", ":",
			"1.2.3", "-", "99999999999999999999999", "\\", ";", "[", "]" };
	private static final String LONG = "x".repeat(5_000);

	@TempDir
	Path dir;

	@Test
	void everyDiagnosticOfAMutatedJourneyIsOneShortLineInTheJourneysWords() throws IOException {
		List<Path> files = mutants(200, 28);
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		CommandLine command = ItineraCommand.commandLine();
		command.setOut(new PrintWriter(out));
		command.setErr(new PrintWriter(err));
		List<String> args = new ArrayList<>(List.of("check"));
		files.forEach(file -> args.add(file.toString()));
		int exit = command.execute(args.toArray(String[]::new));

		assertTrue(exit == 0 || exit == 1, "exit " + exit + "\n" + err);
		assertTrue(!err.toString().contains("Exception") && !err.toString().contains("\tat "), err.toString());
		int diagnostics = 0;
		List<String> wrong = new ArrayList<>();
		for (String line : out.toString().split("\n", -1)) {
			if (line.isEmpty() || line.matches("\\d+ files? checked: .*")) {
				continue;
			}
			Matcher diagnostic = DIAGNOSTIC.matcher(line);
			boolean summary = !diagnostic.matches() && line.matches("^.+\\.journey: .*");
			if (!diagnostic.matches() && !summary) {
				wrong.add("not a file:line:col: line: " + line);
			} else if (!summary && line.length() >= 300) {
				wrong.add(line.length() + " characters: " + line);
			} else if (PARSER_JARGON.matcher(line).find()) {
				wrong.add("parser wording: " + line);
			}
			diagnostics += diagnostic.matches() ? 1 : 0;
		}
		assertTrue(diagnostics > 200, diagnostics + " diagnostics");
		assertTrue(wrong.isEmpty(), wrong.size() + " of " + diagnostics + " diagnostics:\n" + String.join("\n", wrong));
	}

	@Test
	void anEmojiReachesTheTerminalWhateverTheLocale() throws Exception {
		Path journey = Files.writeString(dir.resolve("gift.journey"), """
				journey Gift "gifts" {
				  event order { amount: decimal }
				  stage A (purchase) { on order -> Gifted🎁 }
				}
				""", StandardCharsets.UTF_8);
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				classPath, ItineraCommand.class.getName(), "check", journey.toString()).redirectErrorStream(true);
		Map<String, String> environment = builder.environment();
		environment.put("LANG", "C");
		environment.put("LC_ALL", "C");
		Process process = builder.start();
		byte[] said = process.getInputStream().readAllBytes();
		assertTrue(process.waitFor(120, TimeUnit.SECONDS));
		String text = new String(said, StandardCharsets.UTF_8);
		assertTrue(text.contains("🎁"), text);
		assertTrue(!text.contains("?"), text);
	}

	/** {@code count} journeys, each a sample journey with one to three mutations, and the models they name. */
	private List<Path> mutants(int count, long seed) throws IOException {
		Path samples = Path.of("..", "journeys");
		List<Path> journeys;
		try (Stream<Path> listed = Files.list(samples)) {
			journeys = listed.filter(p -> p.toString().endsWith(".journey")).sorted().toList();
		}
		Path models = Files.createDirectories(dir.resolve("models"));
		try (Stream<Path> listed = Files.list(samples.resolve("models"))) {
			for (Path model : listed.filter(p -> p.toString().endsWith(".onnx") || p.toString().endsWith(".txt")).toList()) {
				Files.copy(model, models.resolve(model.getFileName()));
			}
		}
		Random random = new Random(seed);
		List<Path> files = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			Path sample = journeys.get(i % journeys.size());
			List<String> tokens = tokens(Files.readString(sample));
			int mutations = 1 + random.nextInt(3);
			for (int m = 0; m < mutations; m++) {
				mutate(tokens, random);
			}
			files.add(Files.writeString(dir.resolve(String.format("m%03d-%s", i, sample.getFileName())), String.join("", tokens),
					StandardCharsets.UTF_8));
		}
		return files;
	}

	/** The text cut into tokens and the space between them, so joining them gives the text back. */
	private static List<String> tokens(String text) {
		List<String> parts = new ArrayList<>();
		Matcher token = TOKEN.matcher(text);
		int at = 0;
		while (token.find()) {
			if (token.start() > at) {
				parts.add(text.substring(at, token.start()));
			}
			parts.add(token.group());
			at = token.end();
		}
		parts.add(text.substring(at));
		return parts;
	}

	private static void mutate(List<String> parts, Random random) {
		int at = random.nextInt(parts.size());
		switch (random.nextInt(6)) {
			case 0 -> parts.set(at, "");
			case 1 -> parts.add(at, parts.get(at) + " ");
			case 2 -> parts.add(at, " " + (random.nextBoolean() ? JUNK[random.nextInt(JUNK.length)]
					: parts.get(random.nextInt(parts.size())).strip()) + " ");
			case 3 -> parts.add(at, switch (random.nextInt(3)) {
				case 0 -> " " + LONG + " ";
				case 1 -> " \"" + LONG + "\" ";
				default -> " 1" + "0".repeat(5_000) + " ";
			});
			case 4 -> parts.add(at, random.nextBoolean() ? " \"two\nlines\" " : " \"open\nstring ");
			default -> parts.add(at, switch (random.nextInt(3)) {
				case 0 -> " 🎁 ";
				case 1 -> " gift🎁 ";
				default -> " \"🎁\" ";
			});
		}
	}
}
