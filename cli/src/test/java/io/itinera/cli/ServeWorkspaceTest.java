package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code itinera serve DIR}: a workspace live gives, for a log posted over HTTP, the same actions,
 * stage changes and suppressions (with their {@code journey} field) as {@code itinera run DIR} on
 * that log. The journeys act on events only, so the wall clock plays no part.
 */
class ServeWorkspaceTest {
	private static final ObjectMapper JSON = new ObjectMapper();

	@TempDir
	Path dir;

	@Test
	void aWorkspaceLiveDoesWhatItsRunDoes() throws Exception {
		Path workspace = eventOnlyWorkspace(dir.resolve("shop"));
		Instant start = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
		List<String> log = new ArrayList<>();
		for (int c = 0; c < 30; c++) {
			Instant at = start.plusSeconds(c * 60L);
			if (c % 3 != 2) {
				log.add(line("c" + c, at, "signup", ",\"plan\":\"pro\""));
			}
			if (c % 3 != 0) {
				log.add(line("c" + c, at.plusSeconds(5), "purchase", ",\"orderId\":\"o-" + c + "\",\"amount\":" + (10 + c)));
			}
		}
		Path logFile = dir.resolve("events.jsonl");
		Files.write(logFile, log);

		InProcessCli.succeeding("run", workspace.toString(), "--events", logFile.toString(), "--out", dir.resolve("run").toString(),
				"--without-models");

		Path state = dir.resolve("live");
		try (ServeProcess server = ServeProcess.start(workspace, state, List.of("--without-models"))) {
			HttpResponse<String> answer = server.post("/v1/events", "application/x-ndjson", String.join("\n", log), null);
			assertEquals(200, answer.statusCode(), answer.body());
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
			while (!server.get("/health", null).body().contains("\"linesRead\":" + log.size()) && System.nanoTime() < deadline) {
				Thread.sleep(50);
			}
			String c1 = server.get("/v1/customers/c1", null).body();
			assertTrue(c1.contains("\"journeys\":{") && c1.contains("\"Thanks\":{\"stage\":\"Thanked\""), c1);
		}
		for (String file : List.of("actions.jsonl", "stage-changes.jsonl", "suppressions.jsonl")) {
			List<String> replayed = comparable(dir.resolve("run").resolve(file));
			List<String> live = comparable(state.resolve("out").resolve(file));
			assertFalse(replayed.isEmpty(), file + " is empty: the test would prove nothing");
			assertEquals(replayed, live, file);
			assertTrue(live.get(0).contains("\"journey\":"), live.get(0));
		}
	}

	/** Two journeys that act on events only (no timers), with a shared email cap that suppresses: a workspace whose live run is its replay. */
	static Path eventOnlyWorkspace(Path workspace) throws java.io.IOException {
		Files.createDirectories(workspace);
		Files.writeString(workspace.resolve("itinera.workspace"), "cap email 1 per 1 day\n");
		Files.writeString(workspace.resolve("welcome.journey"), """
				journey Welcome "Greet sign-ups" {
				  priority 20
				  entry on signup -> New
				  event signup { plan: string }
				  event purchase { orderId: string  amount: decimal }
				  stage New (consideration) { on purchase -> Bought }
				  stage Bought (purchase) { }
				  campaign Hello in New {
				    rule "Hi" otherwise then send email "welcome"
				  }
				}
				""");
		Files.writeString(workspace.resolve("thanks.journey"), """
				journey Thanks "Thank orders" {
				  priority 10
				  entry on purchase -> Thanked
				  event purchase { orderId: string  amount: decimal }
				  stage Thanked (purchase) { }
				  campaign Thank in Thanked {
				    rule "Thank" otherwise then send email "thank_you"
				  }
				}
				""");
		return workspace;
	}

	private static String line(String customer, Instant at, String type, String fields) {
		return "{\"customer\":\"" + customer + "\",\"time\":\"" + at + "\",\"type\":\"" + type + "\"" + fields + "}";
	}

	/** The file's lines without what names the run (none so far), sorted: the hosts write in their own order. */
	private static List<String> comparable(Path file) throws Exception {
		List<String> lines = new ArrayList<>();
		for (String line : Files.readAllLines(file)) {
			ObjectNode node = (ObjectNode) JSON.readTree(line);
			lines.add(node.toString());
		}
		lines.sort(null);
		return lines;
	}
}
