package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The sample journeys on the two real logs beside the project, read as they come through the
 * column mapping. Skipped where {@code ../shared/data} is absent (a fresh clone elsewhere).
 */
class SharedLogsSimulationTest {
	static final Path SHARED = Path.of("..", "..", "shared", "data");
	static final Path JOURNEYS = Path.of("..", "journeys");

	@TempDir
	Path out;

	@Test
	void taobaoBehaviourLog() throws Exception {
		Path log = SHARED.resolve("taobao-user-behavior/user_behavior.csv");
		assumeTrue(Files.isRegularFile(log), log + " is absent: the real Taobao log is not replayed");
		JsonNode report = simulate(JOURNEYS.resolve("taobao-browse-to-buy.journey"), log, "--columns",
				"user_id,item_id,category_id,behavior_type,timestamp", "--map",
				"customer=user_id,time=timestamp:epoch-seconds,type=behavior_type,type.pv=product_view,type.fav=favourite,"
						+ "type.cart=cart_add,type.buy=purchase,field.itemId=item_id,field.category=category_id");
		JsonNode input = report.get("input");
		assertEquals(84_475, input.get("events").asLong(), "every whole line of the README's count");
		assertEquals(1, input.get("deadLetters").asLong(), "the cut-off last line");
		assertEquals(815, input.get("customers").asLong());
		JsonNode entry = report.get("transitions").get(0);
		assertEquals("Browsing", entry.get("to").asText());
		assertEquals(813, entry.get("customers").asLong(), "the 813 customers with a page view (pv) enter");
	}

	@Test
	void uciBaskets() throws Exception {
		Path log = SHARED.resolve("uci-online-retail-baskets/baskets.csv");
		assumeTrue(Files.isRegularFile(log), log + " is absent: the real UCI log is not replayed");
		JsonNode report = simulate(JOURNEYS.resolve("uci-repeat-purchase.journey"), log, "--map",
				"customer=CustomerID,time=InvoiceDate:yyyy-MM-dd HH:mm:ss.SSSSSSSSS,event=order,field.invoice=InvoiceNo,"
						+ "field.amount=Basket Price,field.categ0=categ_0,field.categ1=categ_1,field.categ2=categ_2,"
						+ "field.categ3=categ_3,field.categ4=categ_4");
		JsonNode input = report.get("input");
		assertEquals(10_054, input.get("events").asLong());
		assertEquals(0, input.get("deadLetters").asLong());
		assertEquals(3_143, input.get("customers").asLong());
		JsonNode firstOrder = report.get("stages").get(0);
		assertEquals("FirstOrder", firstOrder.get("name").asText());
		assertEquals(3_143, firstOrder.get("entered").asLong(), "every customer's first order enters the journey");
		JsonNode arms = report.get("splits").get(0).get("arms");
		assertEquals(3_143, arms.get(0).get("customers").asLong() + arms.get(1).get("customers").asLong());

		// Counted independently over the CSV (each customer's second order, if within 60 days of the first;
		// orders of one customer at the same millisecond taken by content, amount first, as EventOrder does):
		// 1,127 customers, 408,267.36 of revenue, a median of 1,904,159,999 ms (22.0 days) after the first order.
		// (In file order, the revenue would be 404,530.62: a few customers have two orders at one moment.)
		JsonNode goal = report.get("goal");
		assertEquals(1_127, goal.get("customersConverted").asLong());
		assertEquals(408_267.36, goal.get("revenue").asDouble(), 0.005);
		JsonNode fromFirstOrder = goal.get("timeToGoal").get(0);
		assertEquals("FirstOrder", fromFirstOrder.get("stage").asText());
		assertEquals(1_127, fromFirstOrder.get("conversions").asLong());
		assertEquals(1_904_159_999L, fromFirstOrder.get("medianMillis").asLong());
		assertEquals(goal.get("revenue").asDouble(), arms.get(0).get("revenue").asDouble() + arms.get(1).get("revenue").asDouble(),
				0.005, "every converter was assigned an arm on entering FirstOrder");
	}

	private JsonNode simulate(Path journey, Path log, String... mapping) throws Exception {
		String[] args = new String[6 + mapping.length];
		args[0] = "simulate";
		args[1] = journey.toString();
		args[2] = "--events";
		args[3] = log.toString();
		args[4] = "--out=" + out;
		args[5] = "--no-progress";
		System.arraycopy(mapping, 0, args, 6, mapping.length);
		CommandLine command = ItineraCommand.commandLine();
		StringWriter err = new StringWriter();
		command.setErr(new PrintWriter(err));
		command.setOut(new PrintWriter(new StringWriter()));
		assertEquals(0, command.execute(args), err.toString());
		return new ObjectMapper().readTree(out.resolve("report.json").toFile());
	}
}
