package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.io.JsonLinesOutput;
import io.itinera.runtime.io.SyntheticEventLog;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replay of a file with the default options: one line dated far beyond the rest of the log does
 * not become its end (no one's timers fire by it, the summary names the line), and an export grouped
 * by customer whose orders are not in time order within customers (as the UCI baskets' holdout)
 * loses no order as late.
 */
class FileReplayCommandTest {
	@TempDir
	Path dir;

	@Test
	void oneTypoLineFarBeyondTheLogChangesNoOtherCustomerAndTheSummaryNamesIt() throws Exception {
		// a 3-day log that ended a year ago, so the typo below is inside the wall-clock window
		Instant start = Instant.now().minus(Duration.ofDays(400)).truncatedTo(ChronoUnit.DAYS);
		Path log = dir.resolve("three-days.csv");
		try (Writer out = Files.newBufferedWriter(log)) {
			new SyntheticEventLog(20_000, 1_000, 17, start.toEpochMilli(), 3, false).write(out);
		}
		List<String> lines = Files.readAllLines(log);
		String typoTime = start.plus(Duration.ofDays(365)).toString();
		// a cart of a customer of the log, dated a year late: a typo of the year
		List<String> withTypo = new ArrayList<>(lines);
		withTypo.add(lines.get(1).split(",")[0] + "," + typoTime + ",cart_add,p1,fashion,120.00,,");
		Path typo = Files.write(dir.resolve("with-typo.csv"), withTypo);
		int typoLine = withTypo.size();

		for (String command : List.of("run", "simulate")) {
			Path plain = dir.resolve(command + "-plain");
			Path typed = dir.resolve(command + "-typo");
			execute(command, LogOrderEquivalenceTest.JOURNEY.toString(), "--events", log.toString(), "--out", plain.toString(),
					"--map", "type.favourite=-", "--no-progress");
			String summary = execute(command, LogOrderEquivalenceTest.JOURNEY.toString(), "--events", typo.toString(), "--out",
					typed.toString(), "--map", "type.favourite=-", "--no-progress");
			assertTrue(summary.contains("1 line more than --max-skew after the rest went to the dead letters: line " + typoLine),
					command + " names the line:\n" + summary);
			LogOrderEquivalenceTest.Outcome.of(plain).assertSameAs(LogOrderEquivalenceTest.Outcome.of(typed), command + " of the log",
					command + " with the typo line");
			String deadLetters = Files.readString(typed.resolve(JsonLinesOutput.DEAD_LETTERS));
			assertTrue(deadLetters.contains("\"line\":" + typoLine) && deadLetters.contains("more than --max-skew 1d after the rest"),
					deadLetters);
		}
	}

	@Test
	void ordersOutOfTimeOrderWithinCustomersAreNotLateByDefault() throws Exception {
		List<String> rows = basketsGroupedByCustomer();
		List<String> inTimeOrder = new ArrayList<>(rows);
		inTimeOrder.sort((a, b) -> a.substring(a.lastIndexOf(',')).compareTo(b.substring(b.lastIndexOf(','))));
		String header = "CustomerID,InvoiceNo,Basket Price,categ_0,categ_1,categ_2,categ_3,categ_4,InvoiceDate";
		Path grouped = Files.write(dir.resolve("baskets-grouped.csv"), withHeader(header, rows));
		Path sorted = Files.write(dir.resolve("baskets-by-time.csv"), withHeader(header, inTimeOrder));
		String map = "customer=CustomerID,time=InvoiceDate:yyyy-MM-dd HH:mm:ss,event=order,field.invoice=InvoiceNo,"
				+ "field.amount=Basket Price,field.categ0=categ_0,field.categ1=categ_1,field.categ2=categ_2,field.categ3=categ_3,"
				+ "field.categ4=categ_4";
		Path journey = Path.of("..", "journeys", "uci-repeat-purchase.journey");
		Path byTime = dir.resolve("by-time");
		execute("simulate", journey.toString(), "--events", sorted.toString(), "--map", map, "--out", byTime.toString(), "--no-progress");
		for (String command : List.of("simulate", "run")) {
			Path out = dir.resolve(command + "-grouped");
			String summary = execute(command, journey.toString(), "--events", grouped.toString(), "--map", map, "--out",
					out.toString(), "--no-progress");
			assertTrue(summary.contains("read sorted by customer and time"), summary);
			Path deadLetters = out.resolve(JsonLinesOutput.DEAD_LETTERS);
			assertFalse(Files.exists(deadLetters) && Files.size(deadLetters) > 0, command + ": " + summary);
			LogOrderEquivalenceTest.Outcome.of(byTime).assertSameAs(LogOrderEquivalenceTest.Outcome.of(out), "the log by time",
					command + " of the log grouped by customer");
			// explain reads the log in the run's order: its replay of a customer whose orders are out of order agrees
			String explained = execute("explain", firstOutOfOrder(rows), command.equals("run") ? "--state" : "--out",
					command.equals("run") ? out.resolve("state").toString() : out.toString());
			assertTrue(explained.contains("Check: ") && !explained.contains("FAILED"), explained);
		}
	}

	/** The first customer of {@code rows} with an order earlier than the line before it. */
	private static String firstOutOfOrder(List<String> rows) {
		for (int i = 1; i < rows.size(); i++) {
			String customer = rows.get(i).substring(0, rows.get(i).indexOf(','));
			if (rows.get(i - 1).startsWith(customer + ",")
					&& rows.get(i).substring(rows.get(i).lastIndexOf(',')).compareTo(rows.get(i - 1).substring(rows.get(i - 1).lastIndexOf(','))) < 0) {
				return customer;
			}
		}
		throw new AssertionError("no customer out of order");
	}

	/** Orders of 600 customers over eight months, grouped by customer; within some customers not in time order. */
	private static List<String> basketsGroupedByCustomer() {
		Random random = new Random(26);
		long start = Instant.parse("2010-12-01T08:00:00Z").toEpochMilli();
		List<String> rows = new ArrayList<>();
		int shuffled = 0;
		for (int customer = 0; customer < 600; customer++) {
			List<String> own = new ArrayList<>();
			int orders = 1 + random.nextInt(random.nextInt(4) == 0 ? 12 : 3);
			long at = start + (long) (random.nextDouble() * 200 * 86_400_000L);
			for (int order = 0; order < orders; order++) {
				double price = 20 + random.nextInt(40_000) / 100.0;
				own.add(String.format(Locale.ROOT, "%d,%d,%.2f,%.2f,%.2f,%.2f,%.2f,%.2f,%s", 12_000 + customer, 536_000 + rows.size()
						+ own.size(), price, price / 5, price / 5, price / 5, price / 5, price / 5,
						Instant.ofEpochMilli(at).truncatedTo(ChronoUnit.SECONDS).toString().replace('T', ' ').replace("Z", "")));
				at += (1 + random.nextInt(40)) * 86_400_000L + random.nextInt(86_400_000);
			}
			if (own.size() > 1 && random.nextInt(3) == 0) {
				Collections.shuffle(own, random);
				shuffled++;
			}
			rows.addAll(own);
		}
		assertTrue(shuffled > 50, "some customers' orders are out of time order");
		return rows;
	}

	private static List<String> withHeader(String header, List<String> rows) {
		List<String> lines = new ArrayList<>();
		lines.add(header);
		lines.addAll(rows);
		return lines;
	}

	private static String execute(String... args) {
		String text = InProcessCli.succeedingTranscript(args);
		assertNotEquals("", text);
		return text;
	}
}
