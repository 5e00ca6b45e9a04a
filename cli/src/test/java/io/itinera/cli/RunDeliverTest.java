package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.itinera.runtime.io.JsonLinesOutput;
import io.itinera.serve.testing.StubProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --deliver FILE}: a replay's actions reach the provider through failures, and a second run sends nothing again. */
class RunDeliverTest {
	@TempDir
	Path dir;

	@Test
	void aReplayDeliversEveryActionOnceAndARunAgainSendsNothing() throws Exception {
		Path plan = ServeCommandTest.compile(dir);
		Path log = dir.resolve("events.jsonl");
		List<String> lines = new ArrayList<>();
		for (int c = 0; c < 30; c++) {
			lines.add("{\"customer\":\"c" + c + "\",\"time\":\"2026-03-01T10:00:00Z\",\"type\":\"signup\",\"plan\":\"pro\"}");
			lines.add("{\"customer\":\"c" + c + "\",\"time\":\"2026-03-01T10:05:00Z\",\"type\":\"ping\",\"n\":1}");
		}
		Files.write(log, lines);
		try (StubProvider provider = new StubProvider(new StubProvider.Misbehaviour(4, 9, 0, 0, "0"))) {
			Path delivery = dir.resolve("delivery.yaml");
			Files.writeString(delivery, """
					channels:
					  email:
					    url: %s
					    backoffMs: 10
					    maxAttempts: 20
					    body: { to: "${customer}", template: "${target}" }
					""".formatted(provider.url("/email")));
			Path out = dir.resolve("out");
			String[] run = { "run", plan.toString(), "--events", log.toString(), "--out", out.toString(), "--deliver", delivery.toString(),
					"--no-progress" };
			String summary = InProcessCli.succeeding(run);
			assertTrue(summary.contains("deliveries     all done"), summary);
			Set<String> written = new HashSet<>();
			ObjectMapper json = new ObjectMapper();
			for (String line : Files.readAllLines(out.resolve(JsonLinesOutput.ACTIONS))) {
				written.add(json.readTree(line).get("id").asText());
			}
			assertEquals(60, written.size());
			assertEquals(written, provider.accepted().keySet(), provider.misbehaved());
			assertEquals(0, provider.repeats());

			int requests = provider.requests();
			InProcessCli.succeeding(run);
			assertEquals(requests, provider.requests(), "a second run sent again");
		}
	}

}
