package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.Topic;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The simulate report names the customer attributes each rule's condition reads, and counts actions fired on a missing one. */
class SimulateAttributesReadTest {
	static final String JOURNEY = """
			journey Tiers {
			  entry on visit -> Visiting
			  customer { tier: string  country: string  email: string }
			  event visit { tier: string }
			  event signup { country: string }
			  feature visits = count(visit)

			  stage Visiting {
			    on signup -> Visiting
			  }
			  campaign Welcome in Visiting {
			    rule "Gold" when tier == "gold" and visits >= 1 then send email "gold"
			    rule "Not French" when not (country == "FR") then send email "hello"
			    rule "Rest" otherwise then send email "plain"
			  }
			}
			""";

	/**
	 * c1 is gold: "Gold" fires with every attribute it reads set. c2 visits with no tier and no
	 * country: "Not French" fires on a missing country (a missing value is not "FR"); c2 then signs up
	 * from DE and, entering Visiting again, gets "Not French" with the country set. c3 is like c2's
	 * visit: fired on a missing country. So "Not French" fired 3 times, twice on a missing value.
	 */
	static final String LOG = """
			customer,time,type,tier,country
			c1,2026-03-02T08:00:00Z,visit,gold,
			c2,2026-03-02T08:00:00Z,visit,,
			c2,2026-03-02T09:00:00Z,signup,,DE
			c3,2026-03-02T08:00:00Z,visit,,
			""";

	@TempDir
	Path dir;

	@Test
	void eachRuleNamesTheAttributesItsConditionReads() throws Exception {
		Path out = dir.resolve("out");
		Path journey = dir.resolve("tiers.journey");
		Path log = dir.resolve("log.csv");
		Files.writeString(journey, JOURNEY);
		Files.writeString(log, LOG);
		assertEquals(0, run(journey.toString(), "--events", log.toString(), "--out", out.toString(), "--no-progress"));

		JsonNode rules = new ObjectMapper().readTree(out.resolve("report.json").toFile()).get("campaigns").get(0)
				.get("rules");
		JsonNode gold = rule(rules, "Gold");
		assertEquals(List.of("tier"), names(gold.get("attributesRead")));
		assertEquals(1, gold.get("fired").asLong());
		assertEquals(0, gold.get("firedOnMissingAttribute").asLong());
		JsonNode notFrench = rule(rules, "Not French");
		assertEquals(List.of("country"), names(notFrench.get("attributesRead")));
		assertEquals(3, notFrench.get("fired").asLong(), notFrench.toString());
		assertEquals(2, notFrench.get("firedOnMissingAttribute").asLong(), notFrench.toString());
		assertEquals(List.of(), names(rule(rules, "Rest").get("attributesRead")));

		String html = Files.readString(out.resolve("report.html"));
		String table = html.substring(html.indexOf("-rules-table"));
		table = table.substring(0, table.indexOf("</table>"));
		assertTrue(table.contains("<th>attributes read</th>"), table);
		assertTrue(table.contains("<td>Gold</td>"), table);
		assertTrue(table.contains("<td>tier</td>"), table);
		assertTrue(table.contains("<td>country</td><td class=\"n\">2</td>"), table);
	}

	/** {@code --compare}'s reported plan keeps the second version's topics and priority. */
	@Test
	void theComparedPlanKeepsTopicsAndPriority() throws Exception {
		Path v1 = dir.resolve("v1.journey");
		Path v2 = dir.resolve("v2.journey");
		Files.writeString(v1, JOURNEY);
		Files.writeString(v2, JOURNEY.replace("customer {", "topic promotions email opt-out\n  priority 7\n  customer {")
				.replace("send email \"gold\"", "send email \"gold\" topic promotions"));
		StringWriter errors = new StringWriter();
		JourneyPlan old = JourneyPlans.load(v1, new PrintWriter(errors, true));
		JourneyPlan changed = JourneyPlans.load(v2, new PrintWriter(errors, true));
		assertEquals("", errors.toString());
		JourneyPlan reported = SimulateCommand.reportedPlan(old, changed);
		assertEquals(List.of("promotions"), reported.topics().stream().map(Topic::name).toList());
		assertEquals(7, reported.priority().level());
	}

	private static JsonNode rule(JsonNode rules, String title) {
		for (JsonNode rule : rules) {
			if (rule.get("title").asText().equals(title)) {
				return rule;
			}
		}
		throw new AssertionError("no rule " + title + " in " + rules);
	}

	private static List<String> names(JsonNode array) {
		List<String> names = new ArrayList<>();
		array.forEach(name -> names.add(name.asText()));
		return names;
	}

	private static int run(String... args) {
		StringWriter err = new StringWriter();
		CommandLine command = ItineraCommand.commandLine();
		command.setErr(new PrintWriter(err));
		command.setOut(new PrintWriter(new StringWriter()));
		String[] all = new String[args.length + 1];
		all[0] = "simulate";
		System.arraycopy(args, 0, all, 1, args.length);
		int code = command.execute(all);
		if (code != 0) {
			throw new AssertionError("exit " + code + ": " + err);
		}
		return code;
	}
}
