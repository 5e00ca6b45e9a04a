package io.itinera.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The job's command line: a wrong argument is named with what to give instead, and no job starts. */
class JobArgumentsTest {
	private static String refusal(String... args) {
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int exit = JourneyJobRunner.run(args, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
		assertEquals(2, exit);
		return err.toString(StandardCharsets.UTF_8);
	}

	@Test
	void eachMistakeIsNamed() {
		assertTrue(refusal("--events", "a.jsonl", "--out", "o").contains("--plan is required"));
		assertTrue(refusal("--plan", "p.json", "--out", "o").contains("give exactly one input"));
		assertTrue(refusal("--plan", "p.json", "--events", "a.jsonl").contains("give an output"));
		assertTrue(refusal("--plan", "p.json", "--events", "a.jsonl", "--out", "o", "--parallelism", "zero")
				.contains("--parallelism zero: give a whole number"));
		assertTrue(refusal("--plan", "p.json", "--events", "a.jsonl", "--out", "o", "--end-at", "tomorrow")
				.contains("--end-at tomorrow: give an instant such as 2026-03-31T00:00:00Z"));
		assertTrue(refusal("--plan", "p.json", "--events-topic", "t", "--out", "o").contains("--events-topic needs --kafka"));
	}

	@Test
	void theScoringWaitIsTakenAsGiven() {
		assertEquals(500, JourneyJobRunner.JobArguments.parse(new String[] { "--plan", "p.json", "--events", "a.jsonl", "--out", "o",
				"--score-wait-us", "500" }).scoreWaitMicros());
		assertEquals(2_000, JourneyJobRunner.JobArguments.parse(new String[] { "--plan", "p.json", "--events", "a.jsonl", "--out",
				"o" }).scoreWaitMicros());
	}

	@Test
	void aMissingPlanFileIsNamed() {
		assertTrue(refusal("--plan", "/nonexistent/plan.json", "--events", "a.jsonl", "--out", "o")
				.contains("/nonexistent/plan.json: no such file"));
	}
}
