package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report's messages by local hour, sends at best hour, market figures and best-hour regret, against counts
 * made here. 600 members in three time zones, each with opens at 19:xx local on the days before they sign up:
 * two in three with four such opens (their hours are trusted: 19:00 is their best hour), the rest with two (not
 * trusted: the fallback 10:00). The sign-up sends a tip at best hour and a welcome at once; a market with an
 * hour curve peaking at 19:00 answers both, and its purchases move members on (dropping a tip still held).
 */
class LearningReportTest {
	private static final ObjectMapper JSON = new ObjectMapper();
	private static final List<String> ZONES = List.of("Europe/Paris", "America/New_York", "Asia/Tokyo");
	private static final int MEMBERS = 600;
	/** The market file's true parameters for the tips, written out again here. */
	private static final double TIP_OPEN = 0.4;
	private static final double[] CURVE = { 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 1.0, 1.0, 1.0, 0.8, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0,
			1.0, 1.3, 1.6, 1.3, 1.0, 0.5, 0.5 };

	@TempDir
	Path dir;
	private Path journey;
	private Path market;
	private Path log;
	private final Map<String, ZoneId> zones = new HashMap<>();
	private final Set<String> trusted = new HashSet<>();
	/** The local hour each member signed up at. */
	private final Map<String, Integer> signupHour = new HashMap<>();

	private record Row(Instant at, String line) {
	}

	@BeforeEach
	void members() throws IOException, URISyntaxException {
		journey = Path.of(getClass().getResource("/market/best-hour.journey").toURI());
		market = Path.of(getClass().getResource("/market/best-hour-market.json").toURI());
		Random random = new Random(5);
		List<Row> rows = new ArrayList<>();
		LocalDate start = LocalDate.of(2025, 5, 1);
		for (int c = 0; c < MEMBERS; c++) {
			String id = "m" + c;
			ZoneId zone = ZoneId.of(ZONES.get(random.nextInt(ZONES.size())));
			String tier = random.nextInt(4) == 0 ? "gold" : "basic";
			zones.put(id, zone);
			LocalDate signup = start.plusDays(10 + random.nextInt(20));
			int opens = c % 3 == 0 ? 2 : 4;
			if (opens >= 3) {
				trusted.add(id);
			}
			for (int o = 0; o < opens; o++) {
				Instant at = ZonedDateTime.of(signup.minusDays(2 + 2L * o), LocalTime.of(19, random.nextInt(60)), zone).toInstant();
				rows.add(new Row(at, id + "," + at + ",open," + zone.getId() + ","));
			}
			ZonedDateTime signedUp = ZonedDateTime.of(signup, LocalTime.of(0, 0), zone).plusSeconds(random.nextInt(86_400));
			signupHour.put(id, signedUp.getHour());
			rows.add(new Row(signedUp.toInstant(), id + "," + signedUp.toInstant() + ",signup," + zone.getId() + "," + tier));
		}
		rows.sort((a, b) -> a.at().compareTo(b.at()));
		StringBuilder csv = new StringBuilder("customer,time,type,timezone,tier\n");
		rows.forEach(row -> csv.append(row.line()).append('\n'));
		log = Files.writeString(dir.resolve("members.csv"), csv);
	}

	private Path simulate(Path out) {
		InProcessCli.succeeding("simulate", journey.toString(), "--events", log.toString(), "--market", market.toString(), "--to",
				"2025-06-10", "--out", out.toString(), "--no-progress");
		return out;
	}

	@Test
	void sendsByHourBestHourTimingMarketAndRegretAreThoseCountedFromTheOutputs() throws IOException {
		Path out = simulate(dir.resolve("out"));
		JsonNode learning = JSON.readTree(out.resolve("report.json").toFile()).get("learning");

		// messages by local hour, per rule, counted from actions.jsonl in each member's zone
		Map<String, long[]> byRule = new HashMap<>();
		Map<String, Instant> tipSent = new HashMap<>();
		Map<String, String> tipOf = new HashMap<>();
		for (String line : Files.readAllLines(out.resolve("actions.jsonl"))) {
			JsonNode action = JSON.readTree(line);
			String customer = action.get("customer").asText();
			Instant at = Instant.parse(action.get("time").asText());
			byRule.computeIfAbsent(action.get("rule").asText(), k -> new long[24])[at.atZone(zones.get(customer)).getHour()]++;
			if (action.get("campaign").asText().equals("Tips")) {
				tipSent.put(action.get("id").asText(), at);
				tipOf.put(action.get("id").asText(), customer);
			}
		}
		assertEquals(2, learning.get("sendsByHour").size());
		for (JsonNode rule : learning.get("sendsByHour")) {
			long[] expected = byRule.get(rule.get("rule").asText());
			assertEquals(java.util.Arrays.toString(expected), rule.get("byLocalHour").toString().replace(",", ", "), rule.toString());
			assertEquals(java.util.Arrays.stream(expected).sum(), rule.get("sent").asLong());
		}
		assertEquals(MEMBERS, byRule.get("Welcome").length == 24 ? java.util.Arrays.stream(byRule.get("Welcome")).sum() : -1,
				"every member got the welcome at once");

		// the best-hour send: decided once per member, trusted as the log's opens say, held unless already in its hour
		long trustedAtOnce = trusted.stream().filter(id -> signupHour.get(id) == 19).count();
		Set<String> held = new HashSet<>();
		Set<String> released = new HashSet<>();
		long dropped = 0;
		for (String line : Files.readAllLines(out.resolve("suppressions.jsonl"))) {
			JsonNode notice = JSON.readTree(line);
			String outcome = notice.get("outcome").asText();
			if (outcome.equals("HELD_FOR_BEST_HOUR")) {
				held.add(notice.get("action").asText());
			} else if (outcome.equals("RELEASED")) {
				released.add(notice.get("action").asText());
			} else if (outcome.equals("DROPPED_STAGE_LEFT")) {
				dropped++;
			}
		}
		long[] releaseHours = new long[24];
		for (String id : released) {
			releaseHours[tipSent.get(id).atZone(zones.get(tipOf.get(id))).getHour()]++;
		}
		JsonNode tip = learning.get("bestHour").get(0);
		assertEquals("Tip", tip.get("rule").asText());
		assertEquals("10:00", tip.get("fallbackTime").asText());
		assertEquals(MEMBERS, tip.get("decided").asLong());
		assertEquals(trusted.size(), tip.get("trusted").asLong());
		assertEquals(MEMBERS - trusted.size(), tip.get("fallback").asLong());
		assertEquals(0, tip.get("untrustedAtOnce").asLong());
		assertEquals(MEMBERS - trustedAtOnce, held.size(), "every tip is held but those decided within 19:00-19:59 of a trusted member");
		assertEquals(held.size(), tip.get("heldForBestHour").asLong());
		assertEquals(trustedAtOnce, tip.get("sentAtOnce").asLong());
		assertEquals(released.size(), tip.get("released").asLong());
		assertEquals(dropped, tip.get("dropped").asLong());
		assertTrue(dropped > 0 && held.size() == released.size() + dropped, "a welcome's purchase drops some held tips: " + dropped);
		assertEquals(java.util.Arrays.toString(releaseHours), tip.get("releasesByLocalHour").toString().replace(",", ", "));
		assertEquals(released.size(), releaseHours[10] + releaseHours[19], "released at the fallback or at 19:00");

		// the market section is market.json's figures
		assertEquals(JSON.readTree(out.resolve(MarketRun.FIGURES).toFile()), learning.get("market"));

		// regret: expected opens of the tips as timed, at the market's best hour (19:00) and at the fallback (10:00)
		double asTimed = 0;
		for (Map.Entry<String, Instant> sent : tipSent.entrySet()) {
			asTimed += TIP_OPEN * CURVE[sent.getValue().atZone(zones.get(tipOf.get(sent.getKey()))).getHour()];
		}
		JsonNode decision = learning.get("decisions").get(0);
		assertEquals("best hour", decision.get("kind").asText());
		assertEquals(tipSent.size(), decision.get("decisions").asLong());
		assertEquals(asTimed, decision.get("chosen").asDouble(), 1e-9);
		assertEquals(tipSent.size() * TIP_OPEN * CURVE[19], decision.get("bestFixed").asDouble(), 1e-9);
		assertEquals(tipSent.size() * TIP_OPEN * CURVE[19] - asTimed, decision.get("regret").asDouble(), 1e-9);
		assertEquals("all at the market's best hour: 19:00", decision.get("bestFixedChoice").asText());
		JsonNode fallback = decision.get("others").get(0);
		assertEquals(tipSent.size() * TIP_OPEN * CURVE[10], fallback.get("value").asDouble(), 1e-9);
		assertTrue(asTimed > fallback.get("value").asDouble(), "the best hour beats sending every tip at the fallback");

		String html = Files.readString(out.resolve("report.html"));
		for (String section : List.of("Messages by the customer's local hour", "Sends at best hour", "Simulated market (seed 11)",
				"Learning decisions and their regret")) {
			assertTrue(html.contains("<h2>" + section + "</h2>"), section);
		}
		for (String id : List.of("j0-sends-by-hour", "j0-best-hour-releases", "j0-decisions")) {
			assertTrue(html.contains("id=\"" + id + "\""), id);
		}
	}

	/** An auto-winner split's split-weights.jsonl in the output folder is drawn as its weights over time. */
	@Test
	void splitWeightsOverTimeComeFromSplitWeightsJsonl() throws Exception {
		Path out = Files.createDirectories(dir.resolve("weights"));
		StringBuilder lines = new StringBuilder();
		double[][] weights = { { 0.5, 0.5 }, { 0.42, 0.58 }, { 0.2, 0.8 }, { 0.08, 0.92 } };
		for (int epoch = 0; epoch < weights.length; epoch++) {
			for (int arm = 0; arm < 2; arm++) {
				lines.append(String.format(java.util.Locale.ROOT,
						"{\"epoch\": %d, \"split\": \"Offers\", \"arm\": \"%s\", \"exposures\": %d, \"conversions\": %d, \"weight\": %s}%n",
						epoch, arm == 0 ? "SaveFive" : "SaveTen", 500 * epoch + 100 * arm, (50 + 15 * arm) * epoch, weights[epoch][arm]));
			}
		}
		Files.writeString(out.resolve("split-weights.jsonl"), lines);
		simulate(out);
		JsonNode reported = JSON.readTree(out.resolve("report.json").toFile()).get("learning").get("splitWeights");
		assertEquals(8, reported.size());
		assertEquals("3", reported.get(7).get("epoch").asText());
		assertEquals("SaveTen", reported.get(7).get("arm").asText());
		assertEquals(0.92, reported.get(7).get("weight").asDouble());
		assertEquals(1600, reported.get(7).get("exposures").asLong());
		String html = Files.readString(out.resolve("report.html"));
		assertTrue(html.contains("<h2>Split weights over time</h2>") && html.contains("id=\"j0-split-weights-0\""));
		assertTrue(html.contains("<td>SaveTen</td><td>3</td><td class=\"n\">1,600</td><td class=\"n\">195</td>"), "last epoch's row");

		HeadlessChromium.assumeInstalled("the learning sections' charts");
		String dom = HeadlessChromium.run(dir, "--dump-dom", out.resolve("report.html").toUri().toString());
		Matcher check = Pattern.compile("id=\"render-check\"[^>]*data-charts=\"(\\d+)\" data-drawn=\"(\\d+)\" data-marks=\"(\\d+)\""
				+ " data-legend-overlaps=\"(\\d+)\"").matcher(dom);
		assertTrue(check.find(), "the page's render check ran");
		assertEquals(check.group(1), check.group(2), "every chart, the learning sections' with them, is drawn");
		assertEquals("0", check.group(4), "legend entries overlapping a title, label or tick");
	}
}
