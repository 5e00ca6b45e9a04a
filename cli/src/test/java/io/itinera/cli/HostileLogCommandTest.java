package io.itinera.cli;

import io.itinera.cli.InProcessCli.Result;
import io.itinera.cli.vocabulary.ExitCode;
import static io.itinera.cli.InProcessCli.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** run and simulate over hostile logs, as a user calls them: no crash, no stack trace, dead letters with line and reason. */
class HostileLogCommandTest {
	private static final String JOURNEY = """
			journey Hostile "Bad logs" {
			  entry on view -> Browsing
			  event view { item: string  price: decimal }
			  stage Browsing (awareness) { after 1 day -> Gone }
			  stage Gone (awareness) { }
			}
			""";
	private static final String GOOD = """
			customer,time,type,item,price
			c1,2017-11-25T10:00:00Z,view,i1,1.5
			c2,2017-11-25T11:00:00Z,view,i2,2
			c3,2017-11-25T12:00:00Z,view,i3,3
			c4,2017-11-25T13:00:00Z,view,i4,4
			""";

	@TempDir
	static Path dir;
	static Path journey;

	@BeforeAll
	static void journey() throws Exception {
		journey = dir.resolve("hostile.journey");
		Files.writeString(journey, JOURNEY);
	}

	private static Path log(String name, String text) throws Exception {
		Path file = dir.resolve(name);
		Files.writeString(file, text);
		return file;
	}

	private static Result run(Path log, String... more) {
		Path out = dir.resolve("out-" + log.getFileName() + "-" + System.nanoTime());
		List<String> args = new java.util.ArrayList<>(List.of("run", journey.toString(), "--events", log.toString(), "--out",
				out.toString(), "--in-memory", "--no-progress"));
		args.addAll(List.of(more));
		return execute(args.toArray(String[]::new));
	}

	private static Result simulate(Path log, Path out, String... more) {
		List<String> args = new java.util.ArrayList<>(List.of("simulate", journey.toString(), "--events", log.toString(), "--out",
				out.toString(), "--no-progress"));
		args.addAll(List.of(more));
		return execute(args.toArray(String[]::new));
	}

	private static String deadLetters(Result result) throws Exception {
		String out = result.out();
		int at = out.indexOf(" -> ", out.indexOf("dead letters"));
		Path file = Path.of(out.substring(at + 4, out.indexOf('\n', at)).trim());
		return Files.readString(file);
	}

	@Test
	void aHugeYearIsADeadLetterInRunAndSimulate() throws Exception {
		Path log = log("huge-year.csv", GOOD + "c5,+999999999-12-31T23:59:59Z,view,i5,5\n");
		Result run = run(log);
		assertEquals(0, run.exit(), run.err());
		assertFalse(run.err().contains("Exception"), run.err());
		assertTrue(run.out().contains("dead letters   1"), run.out());
		assertTrue(deadLetters(run).contains("{\"line\":6,\"reason\":\"bad timestamp '+999999999-12-31T23:59:59Z': out of range\""),
				deadLetters(run));

		Path out = dir.resolve("sim-huge");
		Result simulate = simulate(log, out);
		assertEquals(0, simulate.exit(), simulate.err());
		assertTrue(Files.readString(out.resolve("dead-letters.jsonl")).contains("\"line\":6"), simulate.out());
	}

	@Test
	void aDashForATimeIsOneDeadLetterNotAnAbortedRun() throws Exception {
		Result run = run(log("dash.csv", GOOD + "c5,-,view,i5,5\nc6,99999999999999999999,view,i6,6\nc7,2062-11-25T10:00:00Z,view,i7,7\n"));
		assertEquals(0, run.exit(), run.err());
		assertTrue(run.out().contains("events read    4 of 7 lines"), run.out());
		String letters = deadLetters(run);
		assertTrue(letters.contains("{\"line\":6,\"reason\":\"bad timestamp '-'"), letters);
		assertTrue(letters.contains("{\"line\":7,\"reason\":\"bad timestamp '99999999999999999999': out of range"), letters);
		assertTrue(letters.contains("{\"line\":8,\"reason\":\"time '2062-11-25T10:00:00Z' is after"), letters);
	}

	@Test
	void mostlyBadLogsExitNonZeroInBothCommands() throws Exception {
		Path log = log("semicolons-ok.csv", "customer,time,type,item,price\n" + "c1,yesterday,view,i1,1\n".repeat(3)
				+ "c1,2017-11-25T10:00:00Z,view,i1,1\n");
		Result run = run(log);
		assertEquals(ExitCode.TOO_MANY_BAD_LINES.code(), run.exit(), run.out() + run.err());
		assertTrue(run.err().contains("3 of 4 lines (75.0%) could not be read") && run.err().contains("--max-bad-lines 50%"),
				run.err());
		assertTrue(run.err().contains("The first, line 2: bad timestamp 'yesterday'"), run.err());
		assertTrue(run.out().contains("dead letters   3"), "the summary is still printed: " + run.out());
		assertEquals(0, run(log, "--max-bad-lines", "80%").exit());

		Result simulate = simulate(log, dir.resolve("sim-bad"));
		assertEquals(ExitCode.TOO_MANY_BAD_LINES.code(), simulate.exit(), simulate.out() + simulate.err());
		assertTrue(simulate.err().contains("--max-bad-lines"), simulate.err());
		assertEquals(2, run(log, "--max-bad-lines", "half").exit());
	}

	@Test
	void logsThatAreNotLogsGetAShortClearMessage() throws Exception {
		Result directory = run(dir);
		assertEquals(2, directory.exit());
		assertTrue(directory.err().contains("is a directory"), directory.err());
		Result simulateDirectory = simulate(dir, dir.resolve("sim-dir"));
		assertTrue(simulateDirectory.err().contains("is a directory"), simulateDirectory.err());

		Result empty = run(log("empty.csv", ""));
		assertEquals(2, empty.exit());
		assertTrue(empty.err().contains("the log is empty"), empty.err());

		Result huge = run(log("huge-header.csv", "x".repeat(5_000_000) + "\n"));
		assertEquals(2, huge.exit());
		assertTrue(huge.err().length() < 600, huge.err().length() + " characters echoed");

		Result semicolons = run(log("semicolons.csv", "customer;time;type\nc1;2017-11-25T10:00:00Z;view\n"));
		assertEquals(2, semicolons.exit());
		assertTrue(semicolons.err().contains("--delimiter ';'"), semicolons.err());
		assertEquals(0, run(dir.resolve("semicolons.csv"), "--delimiter", ";").exit());
	}

	@Test
	void crOnlyLineEndsAndWhitespaceAndDatePatterns() throws Exception {
		Result cr = run(log("cr.csv", GOOD.replace('\n', '\r')));
		assertEquals(0, cr.exit(), cr.err());
		assertTrue(cr.out().contains("events read    4 of 4 lines"), cr.out());

		Result spaces = run(log("spaces.txt", "  customer  date     type item\n  c1  20171125 view i1\nc2\t20171126\tview\ti2\n"),
				"--delimiter", "whitespace", "--map", "time=date:yyyyMMdd");
		assertEquals(0, spaces.exit(), spaces.err());
		assertTrue(spaces.out().contains("events read    2 of 2 lines"), spaces.out());

		Result auto = run(dir.resolve("spaces.txt"), "--delimiter", "whitespace", "--map", "time=date");
		assertEquals(ExitCode.TOO_MANY_BAD_LINES.code(), auto.exit());
		assertTrue(auto.err().contains("--map time=date:yyyyMMdd"), auto.err());
	}

	@Test
	void dedupeDropsARepeatedInvoice() throws Exception {
		Path log = log("twice.csv", GOOD + "c1,2017-11-25T10:00:00Z,view,i1,1.5\n");
		Result plain = run(log);
		assertTrue(plain.out().contains("events read    5 of 5 lines (0 skipped"), plain.out());
		Result deduped = run(log, "--dedupe", "item");
		assertEquals(0, deduped.exit(), deduped.err());
		assertTrue(deduped.out().contains("events read    4 of 5 lines (1 skipped"), deduped.out());
	}

	@Test
	void theRealLogsLoseOnlyTheirCutLineAndARepeatedBasketIsDropped() throws Exception {
		Path shared = SharedLogsSimulationTest.SHARED;
		Path taobao = shared.resolve("taobao-user-behavior/user_behavior.csv");
		Path uci = shared.resolve("uci-online-retail-baskets/baskets.csv");
		org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(taobao) && Files.isRegularFile(uci),
				"../shared/data is absent: the real logs are not read");
		Result run = run(taobao, "--columns", "user_id,item_id,category_id,behavior_type,timestamp", "--map",
				"customer=user_id,time=timestamp,type=behavior_type,type.pv=view,type.fav=-,type.cart=-,type.buy=-,field.item=item_id");
		assertEquals(0, run.exit(), run.err());
		assertTrue(run.out().contains("dead letters   1 "), "only the cut last line: " + run.out());

		List<String> lines = Files.readAllLines(uci);
		Path twice = dir.resolve("baskets-twice.csv");
		List<String> doubled = new java.util.ArrayList<>(lines.subList(0, 200));
		doubled.addAll(lines.subList(1, 50));
		Files.write(twice, doubled);
		String map = "customer=CustomerID,time=InvoiceDate:yyyy-MM-dd HH:mm:ss.SSSSSSSSS,event=view,field.item=InvoiceNo,field.price=Basket Price";
		Result deduped = run(twice, "--map", map, "--dedupe", "item");
		assertEquals(0, deduped.exit(), deduped.err());
		assertTrue(deduped.out().contains("events read    199 of 248 lines (49 skipped"), deduped.out());
	}

	@Test
	void helpNeverCutsASentence() {
		CommandLine root = ItineraCommand.commandLine();
		StringWriter text = new StringWriter();
		root.usage(new PrintWriter(text));
		String flat = text.toString().replaceAll("\\s+", " ");
		assertTrue(flat.contains("run Run a journey for every customer over an event log."), text.toString());
		for (CommandLine command : root.getSubcommands().values()) {
			assertTrue(command.getCommandSpec().usageMessage().description().length <= 1, command.getCommandName());
			command.getCommandSpec().options().forEach(option -> assertTrue(option.description().length <= 1,
					command.getCommandName() + " " + option.longestName()));
			StringWriter usage = new StringWriter();
			command.usage(new PrintWriter(usage));
			assertFalse(usage.toString().contains("%n") || usage.toString().contains("%%"), usage.toString());
		}
	}
}
