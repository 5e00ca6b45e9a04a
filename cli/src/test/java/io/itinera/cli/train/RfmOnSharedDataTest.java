package io.itinera.cli.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code itinera train rfm} on real order histories: every customer's R, F and M score, as the
 * exported model gives them (scored through the engine's own DJL scorer on the features the
 * runtime computes), equals an independent count written here in plain Java over the raw file.
 *
 * <p>The independent count: per customer, the last order's time, the number of order lines and the
 * sum of their amounts (in cents) straight from the split lines; recency = whole days from the last
 * order to the latest order of the file. A score is then counted, not cut: with {@code less} the
 * number of customers whose value is strictly smaller and n all customers, F and M are
 * {@code 1 + min(4, floor(5·less/n))} and R is {@code 5 − min(4, floor(5·less/n))}, which is what
 * the documented nearest-rank cut points give, ties included, without sorting or cut points.
 */
class RfmOnSharedDataTest {
	static final Path SHARED = Path.of("..", "..", "shared", "data");
	static final Path UCI = SHARED.resolve("uci-online-retail-baskets/baskets.csv");
	static final Path CDNOW = SHARED.resolve("cdnow/CDNOW_master.txt");
	static final String UCI_MAP = "customer=CustomerID,time=InvoiceDate:yyyy-MM-dd HH:mm:ss.SSSSSSSSS,event=order,"
			+ "field.invoice=InvoiceNo,field.amount=Basket Price,field.categ0=categ_0,field.categ1=categ_1,"
			+ "field.categ2=categ_2,field.categ3=categ_3,field.categ4=categ_4";
	static final Path JOURNEY = Path.of("..", "journeys", "value-segments.journey");
	private static final long DAY = 86_400_000L;

	/** A journey of orders only, for logs with just a customer, a date and an amount (CDNOW's columns). */
	private static final String ORDERS_JOURNEY = """
			journey Orders {
			  entry on order
			  event order { amount: decimal }
			  feature daysIdle = days since last order
			  feature orders   = count(order)
			  feature spend    = sum(order.amount)
			  model rfmR "rfm.onnx" { inputs daysIdle, orders, spend  output r }
			  model rfmF "rfm.onnx" { inputs daysIdle, orders, spend  output f }
			  model rfmM "rfm.onnx" { inputs daysIdle, orders, spend  output m }
			  stage Known (loyalty) { when rfmR >= 4 and rfmF >= 4 and rfmM >= 4 -> Champion }
			  stage Champion (loyalty) { }
			}
			""";

	@TempDir
	Path dir;

	/** Customer → last order time, order lines, spend in cents. */
	record Counted(long last, int orders, long cents) {
	}

	@Test
	void uciBasketsScoresEqualAnIndependentCount() throws Exception {
		assumeTrue(Files.isRegularFile(UCI), UCI + " is absent: the real UCI baskets are not scored");
		Map<String, Counted> counted = new LinkedHashMap<>();
		List<String> lines = Files.readAllLines(UCI);
		DateTimeFormatter format = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSSSS");
		for (String line : lines.subList(1, lines.size())) {
			String[] cells = line.split(",");
			long at = LocalDateTime.parse(cells[8], format).toInstant(ZoneOffset.UTC).toEpochMilli();
			add(counted, cells[0], at, cells[2]);
		}
		assertEquals(3_143, counted.size());
		Path model = dir.resolve("rfm.onnx");
		train(JOURNEY, model, "--events", UCI.toString(), "--map", UCI_MAP);
		assertScoresEqual(JOURNEY, model, counted, options(UCI, UCI_MAP, null, ","));

		// Champions (R >= 4 and F >= 4) at the end of March 2011, with the cut points of the whole log:
		// the cut points from sorted values, then each customer's orders up to that moment
		long asOf = counted.values().stream().mapToLong(Counted::last).max().orElseThrow();
		long[] recencyCuts = nearestRankCuts(counted.values().stream().mapToLong(c -> Math.floorDiv(asOf - c.last(), DAY)).toArray());
		long[] orderCuts = nearestRankCuts(counted.values().stream().mapToLong(Counted::orders).toArray());
		long marchEnd = LocalDate.parse("2011-04-01").atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() - 1;
		Map<String, Counted> untilMarch = new LinkedHashMap<>();
		for (String line : lines.subList(1, lines.size())) {
			String[] cells = line.split(",");
			long at = LocalDateTime.parse(cells[8], format).toInstant(ZoneOffset.UTC).toEpochMilli();
			if (at <= marchEnd) {
				add(untilMarch, cells[0], at, cells[2]);
			}
		}
		long champions = untilMarch.values().stream().filter(c -> 5 - above(Math.floorDiv(marchEnd - c.last(), DAY), recencyCuts) >= 4
				&& 1 + above(c.orders(), orderCuts) >= 4).count();
		String report = Files.readString(dir.resolve("rfm.report.md"));
		String march = report.lines().filter(l -> l.startsWith("| 2011-03 |")).findFirst().orElseThrow(() -> new AssertionError(report));
		assertEquals("| 2011-03 | " + untilMarch.size() + " | " + champions + " |", march.substring(0, march.indexOf(" |",
				march.indexOf(" |", march.indexOf(" |", 2) + 2) + 2) + 2));
	}

	private static long[] nearestRankCuts(long[] values) {
		long[] sorted = values.clone();
		java.util.Arrays.sort(sorted);
		long[] cuts = new long[4];
		for (int i = 1; i <= 4; i++) {
			cuts[i - 1] = sorted[(int) Math.ceil(i * sorted.length / 5.0) - 1];
		}
		return cuts;
	}

	private static int above(long value, long[] cuts) {
		int count = 0;
		for (long cut : cuts) {
			count += value > cut ? 1 : 0;
		}
		return count;
	}

	/**
	 * The CDNOW layout (whitespace separated; customer, yyyyMMdd date, quantity, amount; no type
	 * column): the real CDNOW export when it sits beside the repository, else the UCI baskets
	 * written in that layout (dates only: many ties in recency).
	 */
	@Test
	void cdnowLayoutScoresEqualAnIndependentCount() throws Exception {
		Path log = CDNOW;
		if (!Files.isRegularFile(log)) {
			assumeTrue(Files.isRegularFile(UCI), UCI + " is absent: no real orders to write in the CDNOW layout");
			log = dir.resolve("uci-as-cdnow.txt");
			List<String> lines = Files.readAllLines(UCI);
			try (BufferedWriter out = Files.newBufferedWriter(log)) {
				for (String line : lines.subList(1, lines.size())) {
					String[] cells = line.split(",");
					out.write(String.format("%6s %s %3d %10s%n", cells[0], cells[8].substring(0, 10).replace("-", ""), 1,
							cells[2]));
				}
			}
		}
		Map<String, Counted> counted = new LinkedHashMap<>();
		for (String line : Files.readAllLines(log)) {
			String[] cells = line.trim().split("\\s+");
			if (cells.length < 4) {
				continue;
			}
			long at = LocalDate.parse(cells[1], DateTimeFormatter.BASIC_ISO_DATE).atStartOfDay(ZoneOffset.UTC).toInstant()
					.toEpochMilli();
			add(counted, cells[0], at, cells[3]);
		}
		Path journey = Files.writeString(dir.resolve("orders.journey"), ORDERS_JOURNEY);
		Path model = dir.resolve("rfm.onnx");
		String map = "customer=id,time=date:yyyyMMdd,event=order,field.amount=amount";
		train(journey, model, "--events", log.toString(), "--columns", "id,date,quantity,amount", "--delimiter",
				"whitespace", "--map", map);
		LogOptions options = options(log, map, List.of("id", "date", "quantity", "amount"), "whitespace");
		assertScoresEqual(journey, model, counted, options);
	}

	private static void add(Map<String, Counted> counted, String customer, long at, String amount) {
		long cents = Math.round(Double.parseDouble(amount) * 100);
		counted.merge(customer, new Counted(at, 1, cents),
				(a, b) -> new Counted(Math.max(a.last(), b.last()), a.orders() + b.orders(), a.cents() + b.cents()));
	}

	private static LogOptions options(Path log, String map, List<String> columns, String delimiter) {
		LogOptions options = new LogOptions();
		options.events = log;
		options.map = map;
		options.columns = columns;
		options.delimiter = delimiter;
		return options;
	}

	private void train(Path journey, Path model, String... log) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		List<String> args = new ArrayList<>(List.of("rfm", journey.toString(), "-o", model.toString()));
		args.addAll(List.of(log));
		assertEquals(0, TrainCli.train(out, err, args.toArray(String[]::new)), err.toString());
		assertTrue(out.toString().startsWith("rfm: "), out.toString());
	}

	/** Every customer's scores from the written file, on the runtime's features, against the independent count. */
	private static void assertScoresEqual(Path journey, Path model, Map<String, Counted> counted, LogOptions log)
			throws IOException, Exception {
		long asOf = counted.values().stream().mapToLong(Counted::last).max().orElseThrow();
		int n = counted.size();
		long[] recency = counted.values().stream().mapToLong(c -> Math.floorDiv(asOf - c.last(), DAY)).toArray();
		long[] orders = counted.values().stream().mapToLong(Counted::orders).toArray();
		long[] cents = counted.values().stream().mapToLong(Counted::cents).toArray();
		Map<String, int[]> expected = new HashMap<>();
		int i = 0;
		for (String customer : counted.keySet()) {
			int r = 5 - Math.min(4, (int) (5L * less(recency, recency[i]) / n));
			int f = 1 + Math.min(4, (int) (5L * less(orders, orders[i]) / n));
			int m = 1 + Math.min(4, (int) (5L * less(cents, cents[i]) / n));
			expected.put(customer, new int[] { r, f, m });
			i++;
		}

		TrainingInputs inputs = TrainingInputs.load(journey, log, new PrintWriter(new StringWriter()));
		assertNotNull(inputs);
		CustomerTable table = CustomerTable.of(inputs.plan(), "rfmR", List.of("daysIdle", "orders", "spend"),
				inputs.history().byCustomer(), CustomerTable.end(inputs.history().byCustomer()));
		assertEquals(n, table.size(), "every customer of the file");
		float[][] scores = new float[3][];
		for (int o = 0; o < 3; o++) {
			scores[o] = TrainingInputs.score(model, table.columns(), RfmOnnx.OUTPUTS.get(o), table.rows());
		}
		int[] histogram = new int[6];
		for (int c = 0; c < n; c++) {
			int[] want = expected.get(table.customers().get(c));
			assertNotNull(want, table.customers().get(c));
			for (int o = 0; o < 3; o++) {
				assertEquals(want[o], (int) scores[o][c], "customer " + table.customers().get(c) + " score "
						+ RfmOnnx.OUTPUTS.get(o));
			}
			histogram[want[1]]++;
		}
		assertTrue(histogram[1] > n / 5, "many customers ordered once: the tie case is exercised");
	}

	private static long less(long[] values, long value) {
		long count = 0;
		for (long other : values) {
			count += other < value ? 1 : 0;
		}
		return count;
	}
}
