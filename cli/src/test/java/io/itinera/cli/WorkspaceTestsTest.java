package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.workspace.WorkspaceFile;
import io.itinera.runtime.workspace.WorkspaceSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code test} blocks in a workspace's {@code itinera.workspace}, run by {@code itinera test DIR}
 * through the workspace's step: expectations naming the journey, a message lost to priority, a
 * shared cap, attributes given to every journey that declares them, and errors with file and line.
 */
class WorkspaceTestsTest {
	static final String ALPHA = """
			journey Alpha {
			  priority 20
			  entry on signup
			  customer { tier: string }
			  event signup { }
			  event goodbye { }
			  stage Welcomed { on goodbye -> Gone }
			  stage Gone { }
			  campaign Hello in Welcomed {
			    rule "Gold" when tier == "gold" then send email "alpha_gold"
			    rule "Hello" otherwise then send email "alpha_hello"
			  }
			}
			""";
	static final String BETA = """
			journey Beta {
			  priority 10
			  entry on signup
			  event signup { }
			  stage Welcomed { }
			  campaign Hello in Welcomed {
			    rule "Hello" otherwise then send email "beta_hello"
			  }
			}
			""";
	static final String SETTINGS = """
			cap email 1 per 1 day   # shared by Alpha and Beta

			test "the higher priority takes the day's email; the other loses it" {
			  given customer with tier = "gold"
			  on signup
			  expect send email "alpha_gold" from Alpha
			  expect not sent email "beta_hello" from Beta lost to priority
			  expect no send email "beta_hello"
			  expect stage Beta.Welcomed
			}

			test "a day later the cap has room, but nobody asks again" {
			  given customer
			  on signup
			  expect send email "alpha_hello" from Alpha
			  after 1 day
			  on goodbye
			  expect stage Alpha.Gone
			  expect nothing
			}

			test "wrong on purpose" {
			  given customer
			  on signup
			  expect send email "beta_hello" from Beta
			  expect stage Alpha.Gone
			}
			""";

	@TempDir
	Path dir;

	private String test(String settings, Path... paths) throws IOException {
		Files.writeString(dir.resolve("alpha.journey"), ALPHA);
		Files.writeString(dir.resolve("beta.journey"), BETA);
		Files.writeString(dir.resolve(WorkspaceFile.NAME), settings);
		StringWriter out = new StringWriter();
		CommandLine command = ItineraCommand.commandLine();
		command.setOut(new PrintWriter(out));
		command.setErr(new PrintWriter(out));
		String[] args = new String[paths.length + 1];
		args[0] = "test";
		for (int i = 0; i < paths.length; i++) {
			args[i + 1] = paths[i].toString();
		}
		int status = command.execute(args);
		return status + "\n" + out;
	}

	@Test
	void aWorkspacesTestsRunThroughAllItsJourneysAtOnce() throws IOException {
		String out = test(SETTINGS, dir);
		assertTrue(out.startsWith("1\n"), out);
		assertTrue(out.contains("2 passed, 1 failed"), out);
		Path file = dir.resolve(WorkspaceFile.NAME);
		assertTrue(out.contains(file + ":22: test \"wrong on purpose\" failed"), out);
		assertTrue(out.contains("line 25: send email \"beta_hello\" from Beta"), out);
		assertTrue(out.contains("line 26: stage Alpha.Gone"), out);
		assertTrue(out.contains("send email \"beta_hello\" from Beta lost to priority: Alpha took the cap (workspace email 1 per 1 day)"),
				out);
		assertTrue(out.contains("the customer is in stage Alpha.Welcomed, Beta.Welcomed"), out);
	}

	@Test
	void theWorkspaceFileAloneRunsOnlyItsTests() throws IOException {
		String out = test(SETTINGS.replace("\"beta_hello\" from Beta\n  expect stage Alpha.Gone", "\"alpha_hello\" from Alpha"),
				dir.resolve(WorkspaceFile.NAME));
		assertTrue(out.startsWith("0\n"), out);
		assertTrue(out.contains("3 passed, 0 failed"), out);
	}

	@Test
	void theExpectationNamesWhyAMessageWasNotSent() throws IOException {
		String out = test(SETTINGS.replace("from Beta lost to priority", "from Beta suppressed by workspace cap"), dir);
		assertTrue(out.contains("line 7: not sent email \"beta_hello\" from Beta suppressed by workspace cap"), out);
	}

	@Test
	void mistakesInATestNameTheFileAndLine() throws IOException {
		Path file = dir.resolve(WorkspaceFile.NAME);
		for (List<String> mistake : List.of(
				List.of("from Alpha", "from Gamma", ":6: the workspace has no journey 'Gamma'; write one of Alpha, Beta."),
				List.of("on goodbye", "on farewell", ":17: no journey of the workspace declares the event 'farewell'"),
				List.of("given customer with tier", "given customer in Welcomed with tier",
						":4: a workspace test starts with the customer outside every journey"),
				List.of("tier = \"gold\"", "level = 3", ":4: no journey of the workspace has a customer attribute 'level'"),
				List.of("expect stage Alpha.Gone\n  expect nothing", "expect stage Alpha.Lost",
						":18: journey Alpha has no stage 'Lost'; write one of Welcomed, Gone."),
				List.of("lost to priority", "lost somehow", ":7: expected 'to', found 'somehow'; write lost to priority."))) {
			String out = test(SETTINGS.replace(mistake.get(0), mistake.get(1)), dir);
			assertTrue(out.startsWith("1\n"), out);
			assertTrue(out.contains(file + mistake.get(2)), mistake + " → " + out);
			assertTrue(out.contains(file + ": its tests cannot run until the errors above are fixed."), out);
		}
	}

	@Test
	void theClockShowsTheWorkspacesZone() throws IOException {
		String settings = """
				zone Europe/Berlin
				quiet hours 22:00 - 07:00
				test "half past nine in Berlin is not quiet yet" {
				  given customer
				  at 21:30
				  on signup
				  expect send email "alpha_hello" from Alpha
				  expect send email "beta_hello" from Beta
				}
				""";
		String out = test(settings, dir);
		assertTrue(out.contains("1 passed, 0 failed"), out);
	}

	@Test
	void checkReadsTheTestsToo() throws IOException {
		test(SETTINGS.replace("from Alpha", "from Gamma"), dir);
		StringWriter out = new StringWriter();
		CommandLine command = ItineraCommand.commandLine();
		command.setOut(new PrintWriter(out));
		assertEquals(1, command.execute("check", dir.toString()));
		assertTrue(out.toString().contains(dir.resolve(WorkspaceFile.NAME) + ":6: the workspace has no journey 'Gamma'"), out.toString());
		assertTrue(out.toString().contains("1 error"), out.toString());
	}

	@Test
	void settingsAreReadAroundTheTests() {
		Path file = Path.of("itinera.workspace");
		WorkspaceSettings settings = WorkspaceFile.read(file, SETTINGS.lines().toList());
		assertEquals(1, settings.caps().size());
		String unclosed = "cap email 1 per 1 day\ntest \"open\" {\n  given customer\n";
		WorkspaceFile.WorkspaceFileException error = org.junit.jupiter.api.Assertions.assertThrows(
				WorkspaceFile.WorkspaceFileException.class, () -> WorkspaceFile.read(file, unclosed.lines().toList()));
		assertEquals("itinera.workspace:2: this test block is not closed; end it with } on a line of its own.", error.getMessage());
	}
}
