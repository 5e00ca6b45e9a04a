package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code itinera run}, {@code simulate} and {@code explain} on a giftware line-item export with one
 * mapping that makes orders of it: the journey's "big order" sends equal a count made from the raw lines.
 */
class LineItemRunTest {
	private static final String JOURNEY = """
			journey GiftOrders "Thank big orders" {
			  entry on order -> Ordering
			  goal order within 30 days value amount
			  event order { invoice: string  amount: decimal  lines: int  items: string }
			  stage Ordering (purchase) { }
			  campaign Thanks in Ordering {
			    rule "Big order" when order.amount > 100 then send email "big_thanks" with invoice = order.invoice
			  }
			}
			""";
	/** 536370 is apart: its last line comes after 536371; 536372 is a guest's; C536379 a cancellation. */
	private static final String EXPORT = """
			InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
			536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,12/1/2010 8:26,2.55,17850.0,United Kingdom
			536365,71053,WHITE METAL LANTERN,6,12/1/2010 8:26,3.39,17850.0,United Kingdom
			536365,84406B,CREAM CUPID HEARTS COAT HANGER,8,12/1/2010 8:26,2.75,17850.0,United Kingdom
			536366,22633,HAND WARMER UNION JACK,6,12/1/2010 8:28,1.85,17850.0,United Kingdom
			536367,84879,ASSORTED COLOUR BIRD ORNAMENT,32,12/1/2010 8:34,1.69,13047.0,United Kingdom
			536367,22745,POPPY'S PLAYHOUSE BEDROOM,6,12/1/2010 8:34,2.1,13047.0,United Kingdom
			536370,22728,ALARM CLOCK BAKELIKE PINK,24,12/1/2010 8:45,3.75,12583.0,France
			536371,22086,PAPER CHAIN KIT 50'S CHRISTMAS,80,12/1/2010 9:00,2.55,13748.0,United Kingdom
			536370,22727,ALARM CLOCK BAKELIKE RED,24,12/1/2010 8:45,3.75,12583.0,France
			536372,22632,HAND WARMER RED POLKA DOT,6,12/1/2010 9:01,1.85,,United Kingdom
			536372,22633,HAND WARMER UNION JACK,6,12/1/2010 9:01,1.85,,United Kingdom
			C536379,D,Discount,-1,12/1/2010 9:41,27.5,14527.0,United Kingdom
			536381,22719,GUMBALL MONOCHROME COAT RACK,36,12/1/2010 9:41,1.06,15311.0,United Kingdom
			536381,22096,PINK PAISLEY SQUARE TISSUE BOX,-2,12/1/2010 9:41,0.39,15311.0,United Kingdom
			536390,22941,CHRISTMAS LIGHTS 10 REINDEER,2,12/1/2010 10:19,8.5,17850.0,United Kingdom
			536390,22960,JAM MAKING SET WITH JARS,12,12/1/2010 10:19,3.75,17850.0,United Kingdom
			536390,22961,JAM MAKING SET PRINTED,96,12/1/2010 10:19,1.45,17850.0,United Kingdom
			""";
	private static final String MAPPING = "customer=CustomerID:integer,time=InvoiceDate:M/d/yyyy H:mm,event=order,"
			+ "skip.customer=missing,where=Quantity>0,where=InvoiceNo not startswith 'C',group=InvoiceNo,"
			+ "field.invoice=InvoiceNo,field.amount=sum(Quantity*UnitPrice),field.lines=count,field.items=list(StockCode)";

	@TempDir
	static Path dir;
	static Path journey;
	static Path export;

	@BeforeAll
	static void files() throws Exception {
		journey = dir.resolve("gift.journey");
		Files.writeString(journey, JOURNEY);
		export = dir.resolve("giftware.csv");
		Files.writeString(export, EXPORT);
	}

	/** Each order's total, counted from the export's text: no guests, no cancellations, no returned lines. */
	private static Map<String, BigDecimal> orderTotals() {
		Map<String, BigDecimal> totals = new LinkedHashMap<>();
		for (String line : EXPORT.lines().skip(1).toList()) {
			String[] cell = line.split(",");
			BigDecimal quantity = new BigDecimal(cell[3]);
			if (!cell[6].isEmpty() && !cell[0].startsWith("C") && quantity.signum() > 0) {
				String key = cell[6].replace(".0", "") + " " + cell[0];
				totals.merge(key, quantity.multiply(new BigDecimal(cell[5])), BigDecimal::add);
			}
		}
		return totals;
	}

	private static Set<String> bigOrders() {
		Set<String> big = new TreeSet<>();
		orderTotals().forEach((order, total) -> {
			if (total.compareTo(BigDecimal.valueOf(100)) > 0) {
				big.add(order);
			}
		});
		return big;
	}

	private static Set<String> sends(Path out) throws Exception {
		ObjectMapper json = new ObjectMapper();
		Set<String> sends = new TreeSet<>();
		for (String line : Files.readAllLines(out.resolve("actions.jsonl"))) {
			JsonNode action = json.readTree(line);
			if (action.path("rule").asText().equals("Big order")) {
				assertTrue(sends.add(action.path("customer").asText() + " " + action.path("params").path("invoice").asText()), line);
			}
		}
		return sends;
	}

	@Test
	void runSendsOneThanksPerBigOrderAsCountedFromTheLines() throws Exception {
		Set<String> expected = bigOrders();
		assertEquals(Set.of("12583 536370", "13748 536371", "17850 536390"), expected, "the test's own count");
		Path out = dir.resolve("run-out");
		InProcessCli.Result result = InProcessCli.execute("run", journey.toString(), "--events", export.toString(),
				"--map", MAPPING, "--out", out.toString(), "--in-memory", "--no-progress");
		assertEquals(0, result.exit(), result.out() + result.err());
		assertEquals(expected, sends(out));
		assertTrue(result.out().contains("events read    " + orderTotals().size() + " of 17 lines (4 skipped by the mapping, "
				+ (17 - 4 - orderTotals().size()) + " joined into groups)"), result.out());
		assertTrue(result.out().contains("dead letters   0"), result.out());
	}

	@Test
	void simulateAgreesAndExplainFindsTheCustomerByTheWholeNumber() throws Exception {
		Path out = dir.resolve("sim-out");
		InProcessCli.Result result = InProcessCli.execute("simulate", journey.toString(), "--events",
				export.toString(), "--map", MAPPING, "--out", out.toString(), "--no-progress");
		assertEquals(0, result.exit(), result.out() + result.err());
		assertEquals(bigOrders(), sends(out));
		InProcessCli.Result explained = InProcessCli.execute("explain", "17850", "--out", out.toString());
		assertEquals(0, explained.exit(), explained.out() + explained.err());
		assertTrue(explained.out().contains("536390"), explained.out());
		assertFalse(explained.out().contains("17850.0"), explained.out());
	}

	@Test
	void guestLinesSkippedByTheMappingDoNotCountAsBadLines() throws Exception {
		Path guests = dir.resolve("guests.csv");
		Files.writeString(guests, """
				InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
				536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,60,12/1/2010 8:26,2.55,17850.0,United Kingdom
				536366,22633,HAND WARMER UNION JACK,6,12/1/2010 8:28,1.85,,United Kingdom
				536367,84879,ASSORTED COLOUR BIRD ORNAMENT,32,12/1/2010 8:34,1.69,,United Kingdom
				536368,22745,POPPY'S PLAYHOUSE BEDROOM,6,12/1/2010 8:34,2.1,,United Kingdom
				""");
		InProcessCli.Result withoutSkip = InProcessCli.execute("run", journey.toString(), "--events",
				guests.toString(), "--map", MAPPING.replace("skip.customer=missing,", ""), "--out", dir.resolve("guests-bad").toString(),
				"--in-memory", "--no-progress", "--max-bad-lines", "10%");
		assertEquals(3, withoutSkip.exit(), withoutSkip.out() + withoutSkip.err());
		InProcessCli.Result skipped = InProcessCli.execute("run", journey.toString(), "--events",
				guests.toString(), "--map", MAPPING, "--out", dir.resolve("guests-skipped").toString(), "--in-memory", "--no-progress",
				"--max-bad-lines", "10%");
		assertEquals(0, skipped.exit(), skipped.out() + skipped.err());
		assertTrue(skipped.out().contains("events read    1 of 4 lines (3 skipped by the mapping)"), skipped.out());
		assertEquals(Set.of("17850 536365"), sends(dir.resolve("guests-skipped")));
	}

	@Test
	void aLiveInputRefusesGroupingWithTheReason() {
		InProcessCli.Result result = InProcessCli.execute("serve", journey.toString(), "--map", MAPPING,
				"--state", dir.resolve("serve-state").toString(), "--port", "0");
		assertEquals(2, result.exit(), result.out() + result.err());
		assertTrue(result.err().contains("group=InvoiceNo does not go with itinera serve"), result.err());
	}
}
