package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.io.JsonLinesOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Segments declared once in {@code itinera.workspace}: two journeys name them as if each declared them
 * itself, so a run of the folder writes the same actions and stage changes as a run of the same journeys with
 * the segments written into each; {@code itinera segments} counts them per journey; {@code check} names a
 * journey that declares a shared segment again (at both places), one that lacks what a shared segment reads,
 * one that declares it otherwise than another journey, and a name declared twice in the workspace file.
 */
class WorkspaceSharedSegmentsTest {
	private static final String DORMANT = "segment Dormant \"No order for 60 days\" = daysSinceOrder > 60 days";
	private static final String QUIET_SPENDER = "segment QuietSpender = segment Dormant and spend90d > 100";

	private static final String WORKSPACE = """
			# what the journeys share
			cap email 3 per 1 day
			%s   # whole days
			%s
			""";

	private static final String WINBACK = """
			journey SharedWinback {
			  entry on segment Dormant -> Lapsed
			  reentry after 1 day
			  event order { orderId: string  amount: decimal }
			  feature daysSinceOrder = days since last order
			  feature spend90d       = sum(order.amount) over 90 days
			  %s
			  segment VIP = spend90d > 200
			  stage Lapsed {
			    on leaving segment Dormant -> Back
			    after 30 days -> Lost
			  }
			  stage Back {
			    on entering segment VIP -> Vip
			    on entering segment Dormant -> Lapsed
			  }
			  stage Vip { on leaving segment VIP -> Back }
			  stage Lost { }
			  campaign Winback in Lapsed {
			    rule "Quiet big spenders get a coupon" when segment QuietSpender then send email "winback_coupon"
			    rule "Others a reminder" otherwise then send email "winback"
			  }
			  test "quiet for 61 days after a big order: dormant, and the coupon" {
			    given customer
			    on order with orderId = "o1", amount = 150
			    after 60 days
			    expect nothing
			    after 1 day
			    expect stage Lapsed
			    expect send email "winback_coupon"
			  }
			}
			""";

	private static final String REACTIVATION = """
			journey Reactivation {
			  entry on order -> Active
			  event order { orderId: string  amount: decimal }
			  feature daysSinceOrder = days since last order
			  %s
			  stage Active { on entering segment Dormant -> Quiet }
			  stage Quiet { on leaving segment Dormant -> Active }
			  campaign Miss in Quiet {
			    cap 1 per 30 days
			    rule "Miss you" otherwise then send push "miss_you"
			  }
			}
			""";

	@TempDir
	Path dir;

	@Test
	void sharedSegmentsFireAsIfEachJourneyDeclaredThem() throws Exception {
		Path shared = folder("shared", WORKSPACE.formatted(DORMANT, QUIET_SPENDER), WINBACK.formatted(""), REACTIVATION.formatted(""));
		Path inline = folder("inline", WORKSPACE.formatted("", ""), WINBACK.formatted(DORMANT + "\n  " + QUIET_SPENDER),
				REACTIVATION.formatted(DORMANT));
		Path log = orders();

		String checked = InProcessCli.succeeding("check", shared.toString());
		assertTrue(checked.contains("2 files checked: 0 errors"), checked);
		String tested = InProcessCli.succeeding("test", shared.toString());
		assertTrue(tested.contains("passed"), tested);

		Path sharedOut = dir.resolve("shared-out");
		Path inlineOut = dir.resolve("inline-out");
		InProcessCli.succeeding("run", shared.toString(), "--events", log.toString(), "--out", sharedOut.toString(), "--no-progress");
		InProcessCli.succeeding("run", inline.toString(), "--events", log.toString(), "--out", inlineOut.toString(), "--no-progress");
		for (String file : List.of(JsonLinesOutput.ACTIONS, JsonLinesOutput.STAGE_CHANGES)) {
			assertEquals(Files.readString(inlineOut.resolve(file)), Files.readString(sharedOut.resolve(file)), file);
		}
		String actions = Files.readString(sharedOut.resolve(JsonLinesOutput.ACTIONS));
		String stages = Files.readString(sharedOut.resolve(JsonLinesOutput.STAGE_CHANGES));
		for (String sent : List.of("\"winback_coupon\"", "\"winback\"", "\"miss_you\"")) {
			assertTrue(actions.contains(sent), "the log reaches every rule: " + sent);
		}
		assertTrue(stages.contains("\"to\":\"Quiet\"") && stages.contains("\"to\":\"Lapsed\"") && stages.contains("\"to\":\"Back\""), stages);

		String counted = InProcessCli.succeeding("segments", "--state", sharedOut.resolve("state").toString());
		String countedInline = InProcessCli.succeeding("segments", "--state", inlineOut.resolve("state").toString());
		List<String> rows = rows(counted);
		assertEquals(rows(countedInline).stream().sorted().toList(), rows.stream().sorted().toList(), counted);
		assertTrue(rows.stream().anyMatch(r -> r.startsWith("Dormant SharedWinback")), counted);
		assertTrue(rows.stream().anyMatch(r -> r.startsWith("Dormant Reactivation")), counted);
		assertTrue(rows.stream().anyMatch(r -> r.startsWith("QuietSpender SharedWinback")), counted);
		assertTrue(rows.stream().noneMatch(r -> r.startsWith("QuietSpender Reactivation")), "Reactivation does not name it: " + counted);
	}

	@Test
	void checkNamesTheJourneyTheLineAndTheFix() throws Exception {
		Path broken = folder("broken", WORKSPACE.formatted(DORMANT, QUIET_SPENDER), WINBACK.formatted(""),
				REACTIVATION.formatted("segment Dormant = daysSinceOrder > 30 days"));
		Files.writeString(broken.resolve("spenders.journey"), """
				journey Spenders {
				  entry on order -> In
				  event order { orderId: string  amount: decimal }
				  feature daysSinceOrder = days since last order
				  stage In {
				    on entering segment QuietSpender -> Out
				  }
				  stage Out { }
				}
				""");
		Files.writeString(broken.resolve("thrifty.journey"), """
				journey Thrifty {
				  entry on order -> In
				  event order { orderId: string  amount: decimal }
				  feature daysSinceOrder = days since last order
				  feature spend90d = sum(order.amount) over 30 days
				  stage In { on entering segment QuietSpender -> Out }
				  stage Out { }
				}
				""");
		InProcessCli.Result result = InProcessCli.execute("check", broken.toString());
		assertNotEquals(0, result.exit(), result.out());
		String out = result.out();
		String workspaceFile = broken.resolve("itinera.workspace").toString();
		assertTrue(out.contains("reactivation.journey:5:") && out.contains("Segment Dormant is declared for every journey of this folder in "
				+ "itinera.workspace (line 3); rename this one, or remove it"), out);
		assertTrue(out.contains(workspaceFile + ":3:1: error: segment Dormant is declared again by journey Reactivation ("), out);
		assertTrue(out.contains("spenders.journey:6:") && out.contains("Segment QuietSpender (itinera.workspace line 4) reads spend90d, "
				+ "which journey Spenders does not declare; declare it here"), out);
		assertTrue(out.contains("winback.journey:6:1: error: spend90d is declared as `feature spend90d = sum(order.amount) over 90 days` "
				+ "here but as `feature spend90d = sum(order.amount) over 30 days` in journey Thrifty"), out);
		assertTrue(out.contains("segment QuietSpender of itinera.workspace (line 4) reads it in both: declare it alike"), out);
		assertTrue(!out.contains("winback.journey:5:11: warning: Feature 'daysSinceOrder' is never used"),
				"a feature a shared segment reads is used: " + out);

		Files.writeString(broken.resolve("itinera.workspace"), WORKSPACE.formatted(DORMANT, DORMANT));
		InProcessCli.Result twice = InProcessCli.execute("check", broken.toString());
		assertTrue(twice.out().contains(workspaceFile + ":4: segment Dormant is declared twice (first at line 3); write each segment once, "
				+ "or rename one."), twice.out());
	}

	@Test
	void aSegmentOnTheFirstLineCompilesAndALineThatDoesNotReadIsNamed() throws Exception {
		Path folder = folder("edges", DORMANT + "\nsegment Broken = daysSinceOrder >\n" + QUIET_SPENDER + "\n",
				WINBACK.formatted(""), REACTIVATION.formatted(""));
		String compiled = InProcessCli.succeeding("compile", folder.resolve("winback.journey").toString(), "-o",
				dir.resolve("plan.json").toString());
		String plan = Files.readString(dir.resolve("plan.json"));
		assertTrue(plan.contains("\"Dormant\"") && plan.contains("\"QuietSpender\""), compiled + plan);
		Files.writeString(folder.resolve("reactivation.journey"), REACTIVATION.formatted("").replace("on leaving segment Dormant",
				"on leaving segment Broken"));
		InProcessCli.Result result = InProcessCli.execute("check", folder.toString());
		assertNotEquals(0, result.exit(), result.out());
		assertTrue(result.out().contains("reactivation.journey:7:") && result.out().contains("error: Segment Broken (itinera.workspace "
				+ "line 2) does not read ("), result.out());
		assertTrue(result.out().contains("; fix that line of itinera.workspace: segment NAME [\"title\"] = CONDITION, on one line."),
				result.out());
		assertTrue(result.out().lines().noneMatch(line -> line.contains("winback.journey:") && line.contains(": error:")),
				"the lines after it read: " + result.out());
	}

	private static List<String> rows(String counted) {
		List<String> rows = new ArrayList<>();
		for (String line : counted.split("\n")) {
			if (line.startsWith("  ")) {
				rows.add(String.join(" ", line.trim().split("\\s+")));
			}
		}
		return rows;
	}

	private Path folder(String name, String workspace, String winback, String reactivation) throws Exception {
		Path folder = Files.createDirectories(dir.resolve(name));
		Files.writeString(folder.resolve("itinera.workspace"), workspace);
		Files.writeString(folder.resolve("winback.journey"), winback);
		Files.writeString(folder.resolve("reactivation.journey"), reactivation);
		return folder;
	}

	/** 120 customers ordering 1 to 5 times, 1 to 120 days apart, from January to September. */
	private Path orders() throws Exception {
		record Order(String customer, Instant at, int amount) {
		}
		Random random = new Random(24);
		Instant start = Instant.parse("2026-01-01T00:00:00Z");
		List<Order> orders = new ArrayList<>();
		for (int c = 0; c < 120; c++) {
			Instant at = start.plus(Duration.ofMinutes(random.nextInt(60 * 24 * 60)));
			for (int n = 1 + random.nextInt(5); n > 0; n--) {
				orders.add(new Order("c" + c, at, 10 + random.nextInt(190)));
				at = at.plus(Duration.ofMinutes(60 * 24 + random.nextInt(60 * 24 * 120)));
			}
		}
		orders.add(new Order("zz-end", Instant.parse("2026-10-01T00:00:00Z"), 10));
		StringBuilder csv = new StringBuilder("customer,time,type,orderId,amount\n");
		orders.stream().sorted(Comparator.comparing(Order::at)).forEach(o -> csv.append(o.customer()).append(',').append(o.at())
				.append(",order,").append(o.customer()).append('-').append(o.at().getEpochSecond()).append(',').append(o.amount())
				.append('\n'));
		return Files.writeString(dir.resolve("orders.csv"), csv);
	}
}
