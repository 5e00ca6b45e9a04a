package io.itinera.cli;

import io.itinera.cli.InProcessCli.Result;
import io.itinera.cli.vocabulary.ExitCode;
import static io.itinera.cli.InProcessCli.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code itinera explain} on the two real logs beside the project: each customer's timeline, line by
 * line, against {@code explain/expected-timelines.txt}, which {@code explain/expected_timelines.py}
 * derives from the raw CSV and the journeys' text without itinera. UCI customer 12348 is in the
 * holdout of SecondOrderTest and lapses (rules on entry and on schedule, with the values they
 * read); Taobao customer 1003194 has a reminder held by quiet hours, released, then one stopped by
 * the cap; 1000283 buys before a held reminder's release (dropped: left the stage).
 */
class ExplainCommandTest {
	static final Path UCI = SharedLogsSimulationTest.SHARED.resolve("uci-online-retail-baskets/baskets.csv");
	static final Path TAOBAO = SharedLogsSimulationTest.SHARED.resolve("taobao-user-behavior/user_behavior.csv");
	static final String UCI_MAP = "customer=CustomerID,time=InvoiceDate:yyyy-MM-dd HH:mm:ss.SSSSSSSSS,event=order,"
			+ "field.invoice=InvoiceNo,field.amount=Basket Price,field.categ0=categ_0,field.categ1=categ_1,"
			+ "field.categ2=categ_2,field.categ3=categ_3,field.categ4=categ_4";
	static final String TAOBAO_MAP = "customer=user_id,time=timestamp:epoch-seconds,type=behavior_type,type.pv=product_view,"
			+ "type.fav=favourite,type.cart=cart_add,type.buy=purchase,field.itemId=item_id,field.category=category_id";

	@TempDir
	Path dir;

	@Test
	void uciHoldoutCustomerFromASimulationAndFromARunsState() throws Exception {
		assumeTrue(Files.isRegularFile(UCI), UCI + " is absent: the real UCI log is not explained");
		Path sim = dir.resolve("sim");
		assertEquals(0, execute("simulate", journey("uci-repeat-purchase"), "--events", UCI.toString(), "--map", UCI_MAP,
				"--out", sim.toString(), "--no-progress").exit());

		Result fromSimulation = execute("explain", "12348", "--out", sim.toString());
		assertEquals(0, fromSimulation.exit(), fromSimulation.err());
		assertEquals(expected(0), timeline(fromSimulation.out()));
		assertTrue(lastLine(fromSimulation.out()).startsWith("Check: 3 actions replayed, as in "), fromSimulation.out());

		Path out = dir.resolve("run");
		assertEquals(0, execute("run", journey("uci-repeat-purchase"), "--events", UCI.toString(), "--map", UCI_MAP,
				"--out", out.toString(), "--workers", "2").exit());
		Result fromState = execute("explain", "12348", "--state", out.resolve("state").toString());
		assertEquals(0, fromState.exit(), fromState.err());
		assertEquals(expected(0), timeline(fromState.out()));
		assertTrue(fromState.out().contains("Check: 3 actions replayed are in the run's ledger"), fromState.out());
		assertTrue(lastLine(fromState.out()).equals("Check: the stored customer's stage is the replay's: Churned"), fromState.out());

		Result json = execute("explain", "12348", "--out", sim.toString(), "--json");
		JsonNode root = new ObjectMapper().readTree(json.out());
		JsonNode holdout = root.get("timeline").get(3);
		assertEquals("not-sent", holdout.get("kind").asText());
		assertEquals("holdout arm of split SecondOrderTest (what SecondOrder would have sent)", holdout.get("why").asText());
		assertEquals(892.8, root.get("timeline").get(2).get("values").get("avgBasket").asDouble(), 1e-9);
		assertTrue(root.get("check").get("agrees").asBoolean());
	}

	@Test
	void taobaoQuietHoursCapAndALeftStage() throws Exception {
		assumeTrue(Files.isRegularFile(TAOBAO), TAOBAO + " is absent: the real Taobao log is not explained");
		Path sim = dir.resolve("sim");
		assertEquals(0, execute("simulate", journey("taobao-browse-to-buy"), "--events", TAOBAO.toString(), "--columns",
				"user_id,item_id,category_id,behavior_type,timestamp", "--map", TAOBAO_MAP, "--out", sim.toString(),
				"--no-progress").exit());
		Result held = execute("explain", "1003194", "--out", sim.toString());
		assertEquals(0, held.exit(), held.err());
		assertEquals(expected(1), timeline(held.out()));
		Result dropped = execute("explain", "1000283", "--out", sim.toString());
		assertEquals(0, dropped.exit(), dropped.err());
		assertEquals(expected(2), timeline(dropped.out()));

		// what the simulation wrote disagrees with the replay: said, with exit status 4
		Path actions = sim.resolve("actions.jsonl");
		List<String> kept = Files.readAllLines(actions).stream().filter(l -> !l.contains("\"customer\":\"1003194\"")).toList();
		Files.write(actions, kept);
		Result differs = execute("explain", "1003194", "--out", sim.toString());
		assertEquals(ExitCode.EXPLAIN_MISMATCH.code(), differs.exit());
		assertTrue(lastLine(differs.out()).startsWith("Check FAILED: the replay differs from "), differs.out());
	}

	/**
	 * A workspace run (six journeys, shared caps, priorities) on the sample shop log: the replayed
	 * timeline of a customer whose messages were lost to a higher-priority journey has every line the
	 * run wrote to suppressions.jsonl and actions.jsonl for them, at the same time, with the same reason.
	 */
	@Test
	void aWorkspaceCustomerAcrossJourneysAgreesWithTheRunsSuppressions() throws Exception {
		Path out = dir.resolve("ws");
		Result run = execute("run", SharedLogsSimulationTest.JOURNEYS.resolve("workspace").toString(), "--events",
				SharedLogsSimulationTest.JOURNEYS.resolve("data/shop-5k.jsonl").toString(), "--out", out.toString(),
				"--workers", "2");
		assertEquals(0, run.exit(), run.err());
		Result explained = execute("explain", "c100390", "--state", out.resolve("state").toString(), "--json");
		assertEquals(0, explained.exit(), explained.err());
		ObjectMapper json = new ObjectMapper();
		List<String> timeline = new ArrayList<>();
		for (JsonNode entry : json.readTree(explained.out()).get("timeline")) {
			timeline.add(entry.get("time").asText() + " " + entry.get("journey").asText() + " " + entry.get("kind").asText() + " "
					+ entry.get("what").asText());
		}
		int suppressions = 0;
		for (String line : Files.readAllLines(out.resolve("suppressions.jsonl"))) {
			JsonNode notice = json.readTree(line);
			if (!notice.get("customer").asText().equals("c100390") || notice.get("outcome").asText().equals("RELEASED")) {
				continue;
			}
			String kind = notice.get("outcome").asText().startsWith("HELD") ? "held" : "not-sent";
			String expected = notice.get("time").asText() + " " + notice.get("journey").asText() + " " + kind + " "
					+ notice.get("channel").asText() + " " + notice.get("target").asText();
			assertTrue(timeline.contains(expected), expected + " in " + timeline);
			suppressions++;
		}
		assertTrue(suppressions >= 8, "caps, quiet hours, priorities and left stages: " + suppressions);
		int sends = 0;
		for (String line : Files.readAllLines(out.resolve("actions.jsonl"))) {
			JsonNode action = json.readTree(line);
			if (action.get("customer").asText().equals("c100390")) {
				String expected = action.get("time").asText() + " " + action.get("journey").asText() + " "
						+ action.get("kind").asText() + " " + (action.get("channel").isNull() ? "" : action.get("channel").asText() + " ")
						+ action.get("target").asText();
				assertTrue(timeline.contains(expected), expected + " in " + timeline);
				sends++;
			}
		}
		assertEquals(sends, json.readTree(explained.out()).get("timeline").findValues("kind").stream()
				.filter(kind -> List.of("send", "tag", "untag", "webhook").contains(kind.asText())).count());
		Result text = execute("explain", "c100390", "--state", out.resolve("state").toString());
		assertTrue(text.out().contains("2026-03-07 17:44:37  held     email thanks_again  journey FirstOrder's rule Thank you took "
				+ "the cap (cap reached: workspace email 1 per 1 day, 1 sent in that time); waits until 2026-03-08 17:44:37 UTC  "
				+ "rule=Again :: Thanks again   (journey Loyalty)"), text.out());
		assertTrue(text.out().contains("2026-03-08 17:44:37  send     email thanks_again  released: the cap allows it now  "
				+ "rule=Again :: Thanks again   (journey Loyalty)"), text.out());

		// simulate DIR replays the same; explain from its output agrees, line for line
		Path sim = dir.resolve("ws-sim");
		assertEquals(0, execute("simulate", SharedLogsSimulationTest.JOURNEYS.resolve("workspace").toString(), "--events",
				SharedLogsSimulationTest.JOURNEYS.resolve("data/shop-5k.jsonl").toString(), "--out", sim.toString(),
				"--no-progress").exit());
		Result fromSimulation = execute("explain", "c100390", "--out", sim.toString());
		assertEquals(0, fromSimulation.exit(), fromSimulation.out() + fromSimulation.err());
		assertEquals(timeline(text.out()), timeline(fromSimulation.out()));
		JsonNode together = json.readTree(sim.resolve("report.json").toFile());
		assertEquals(6, together.get("journeys").size());
		long weeks = 0;
		for (JsonNode bin : together.get("messagesPerCustomerWeek")) {
			weeks += bin.get("customerWeeks").asLong() * bin.get("messages").asLong();
		}
		long sent = 0;
		for (JsonNode channel : together.get("channels")) {
			sent += channel.get("sent").asLong();
		}
		assertEquals(Files.readAllLines(sim.resolve("actions.jsonl")).stream().filter(l -> l.contains("\"kind\":\"send\"")).count(),
				sent, "every journey's sends, by journey and channel");
		assertTrue(weeks <= sent && weeks > 0, "messages per customer-week across journeys (the last bin is 15 or more)");
	}

	@Test
	void whatIsMissingIsSaidWithWhatToDo() throws Exception {
		Result notAState = execute("explain", "42", "--state", dir.toString());
		assertEquals(2, notAState.exit());
		assertTrue(notAState.err().contains(dir + " is not the state of an itinera run"), notAState.err());
		Result notASimulation = execute("explain", "42", "--out", dir.toString());
		assertEquals(2, notASimulation.exit());
		assertTrue(notASimulation.err().contains("has no run-inputs.json"), notASimulation.err());

		Path log = dir.resolve("events.jsonl");
		Files.writeString(log, "{\"customer\":\"c1\",\"type\":\"order\",\"time\":\"2024-01-15T10:00:00Z\",\"invoice\":\"1\","
				+ "\"amount\":10,\"categ0\":0,\"categ1\":0,\"categ2\":0,\"categ3\":0,\"categ4\":10}\n");
		Path sim = dir.resolve("sim");
		assertEquals(0, execute("simulate", journey("uci-repeat-purchase"), "--events", log.toString(), "--out", sim.toString(),
				"--no-progress").exit());
		Result unknown = execute("explain", "c2", "--out", sim.toString());
		assertEquals(1, unknown.exit());
		assertTrue(unknown.err().contains("Customer c2 has no events in " + log), unknown.err());
		Files.delete(log);
		Result moved = execute("explain", "c1", "--out", sim.toString());
		assertEquals(2, moved.exit());
		assertTrue(moved.err().contains("give --events LOG where it is now"), moved.err());
	}

	/** The expected timelines, blank-line separated, in the order the script prints them. */
	private static List<String> expected(int index) throws IOException {
		try (InputStream in = ExplainCommandTest.class.getResourceAsStream("/explain/expected-timelines.txt")) {
			String[] blocks = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n\n");
			return blocks[index].lines().toList();
		}
	}

	/** The timeline lines of explain's text output: without its first (what was replayed) and its check lines. */
	private static List<String> timeline(String out) {
		List<String> lines = new ArrayList<>(out.lines().toList());
		lines.remove(0);
		lines.removeIf(line -> line.startsWith("Check"));
		return lines;
	}

	private static String lastLine(String out) {
		List<String> lines = out.lines().toList();
		return lines.get(lines.size() - 1);
	}

	private static String journey(String name) {
		return SharedLogsSimulationTest.JOURNEYS.resolve(name + ".journey").toString();
	}

}
