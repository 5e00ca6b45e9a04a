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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Send-time optimisation judged by {@code simulate --market} and its report, over 3 seeds: each of 1,000 members
 * opens a message arriving at local hour h with probability 0.05 + 0.35·exp(−d²/8), d the distance in hours
 * (round the clock) from a personal peak hour drawn from 08–21 — the market file states it as one hour curve per
 * peak (an attribute). The log holds 40 days of history drawn from the same truth (a message a day at a random
 * hour, each opened with that probability: the opens are the engagement), then a sign-up that sends a tip at
 * best hour (fallback 10:00). The report's learning decision says the tips' expected opens as timed, at each
 * member's true peak (the best fixed hour of their group) and all at 10:00; the test recounts them from
 * {@code actions.jsonl} and asserts a lift of at least 1.3× over 10:00 on every seed.
 */
class BestHourRegretTest {
	private static final ObjectMapper JSON = new ObjectMapper();
	private static final List<String> ZONES = List.of("Europe/Paris", "America/New_York", "Asia/Tokyo");
	private static final int MEMBERS = 1000;
	private static final double BASE_OPEN = 0.4;

	@TempDir
	Path dir;

	private static double open(int hour, int peak) {
		int d = Math.abs(hour - peak);
		d = Math.min(d, 24 - d);
		return 0.05 + 0.35 * Math.exp(-d * d / 8.0);
	}

	@Test
	void theBestHourBeatsTheFallbackOnExpectedOpensOverThreeSeeds() throws IOException, URISyntaxException {
		Path journey = Path.of(getClass().getResource("/market/personal-hour.journey").toURI());
		Path market = market();
		for (int seed = 1; seed <= 3; seed++) {
			Map<String, ZoneId> zones = new HashMap<>();
			Map<String, Integer> peaks = new HashMap<>();
			Path log = log(seed, zones, peaks);
			Path out = dir.resolve("seed" + seed);
			InProcessCli.succeeding("simulate", journey.toString(), "--events", log.toString(), "--market", market.toString(),
					"--to", "2025-06-20", "--out", out.toString(), "--no-progress");
			double asTimed = 0;
			double atPeak = 0;
			double atTen = 0;
			long tips = 0;
			for (String line : Files.readAllLines(out.resolve("actions.jsonl"))) {
				JsonNode action = JSON.readTree(line);
				String customer = action.get("customer").asText();
				int hour = Instant.parse(action.get("time").asText()).atZone(zones.get(customer)).getHour();
				int peak = peaks.get(customer);
				asTimed += open(hour, peak);
				atPeak += open(peak, peak);
				atTen += open(10, peak);
				tips++;
			}
			JsonNode decision = JSON.readTree(out.resolve("report.json").toFile()).get("learning").get("decisions").get(0);
			assertEquals(MEMBERS, tips, "a tip to every member, answered by the market");
			assertEquals(tips, decision.get("decisions").asLong());
			assertEquals(asTimed, decision.get("chosen").asDouble(), 1e-6);
			assertEquals(atPeak, decision.get("bestFixed").asDouble(), 1e-6);
			assertEquals(atTen, decision.get("others").get(0).get("value").asDouble(), 1e-6);
			assertTrue(decision.get("bestFixedChoice").asText().startsWith("each group at its best hour in the market: ")
					&& decision.get("bestFixedChoice").asText().contains("peak=19 19:00"), decision.get("bestFixedChoice").asText());
			System.out.println(String.format(Locale.ROOT,
					"seed %d: expected opens per tip at best hour %.4f, all at 10:00 %.4f (lift %.2fx), at the true peak %.4f "
							+ "(regret %.4f per tip)",
					seed, asTimed / tips, atTen / tips, asTimed / atTen, atPeak / tips, (atPeak - asTimed) / tips));
			assertTrue(asTimed >= 1.3 * atTen, "seed " + seed + ": best hour " + asTimed + " against 10:00 " + atTen);
		}
	}

	/** The true parameters as a market file: one open curve per peak hour, open multiplier = probability / 0.4. */
	private Path market() throws IOException {
		StringBuilder curves = new StringBuilder();
		for (int peak = 8; peak <= 21; peak++) {
			List<String> factors = new ArrayList<>();
			for (int hour = 0; hour < 24; hour++) {
				factors.add(String.format(Locale.ROOT, "%.10f", open(hour, peak) / BASE_OPEN));
			}
			curves.append(peak == 8 ? "" : ",\n").append("    { \"when\": { \"attribute\": \"peak\", \"value\": \"").append(peak)
					.append("\" }, \"open\": [").append(String.join(", ", factors)).append("] }");
		}
		return Files.writeString(dir.resolve("personal-hour-market.json"), """
				{
				  "seed": 1,
				  "events": { },
				  "delays": { "open": { "min": "5m", "max": "6h" }, "click": { "min": "1m", "max": "30m" }, "purchase": { "min": "1h", "max": "2d" } },
				  "responses": [ { "match": { "campaign": "Tips" }, "open": %s, "click": 0.5, "purchase": 0.3, "amount": 25 } ],
				  "hours": [
				%s
				  ]
				}
				""".formatted(BASE_OPEN, curves));
	}

	private record Row(Instant at, String line) {
	}

	/** 40 days of drawn opens per member, then their sign-up on the 41st day at a random time. */
	private Path log(int seed, Map<String, ZoneId> zones, Map<String, Integer> peaks) throws IOException {
		Random random = new Random(seed);
		LocalDate start = LocalDate.of(2025, 5, 1);
		List<Row> rows = new ArrayList<>();
		for (int c = 0; c < MEMBERS; c++) {
			String id = "m" + c;
			ZoneId zone = ZoneId.of(ZONES.get(random.nextInt(ZONES.size())));
			int peak = 8 + random.nextInt(14);
			zones.put(id, zone);
			peaks.put(id, peak);
			for (int day = 0; day < 40; day++) {
				int hour = random.nextInt(24);
				if (random.nextDouble() < open(hour, peak)) {
					Instant at = ZonedDateTime.of(start.plusDays(day), LocalTime.of(hour, random.nextInt(60)), zone).toInstant();
					rows.add(new Row(at, id + "," + at + ",open," + zone.getId() + ","));
				}
			}
			Instant signup = ZonedDateTime.of(start.plusDays(40), LocalTime.MIDNIGHT, zone).plusSeconds(random.nextInt(86_400))
					.toInstant();
			rows.add(new Row(signup, id + "," + signup + ",signup," + zone.getId() + "," + peak));
		}
		rows.sort((a, b) -> a.at().compareTo(b.at()));
		StringBuilder csv = new StringBuilder("customer,time,type,timezone,peak\n");
		rows.forEach(row -> csv.append(row.line()).append('\n'));
		return Files.writeString(dir.resolve("members-" + seed + ".csv"), csv);
	}
}
