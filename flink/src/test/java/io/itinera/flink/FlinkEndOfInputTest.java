package io.itinera.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.io.JsonLinesOutput;
import io.itinera.runtime.io.SourceRecord;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end of a bounded replay on the operator itself: the final watermark wakes only the customers
 * with something due by the replay's end, and the subtask never holds more customers decoded, nor
 * more wake-up times, than its bound, however many customers wait for a later timer (at 10M
 * customers the end of the input decoded every one of them and the job's heap ran out). The
 * decisions are the local engine's.
 */
class FlinkEndOfInputTest {
	private static final int CUSTOMERS = 1_200;
	private static final int IN_MEMORY = 40;
	private static final long HOUR = 3_600_000L;
	/** The watermark trails the latest event by this much: the last two hours' carts wait for the final watermark. */
	private static final long WATERMARK_LAG = 2 * HOUR;

	@TempDir
	Path dir;

	@Test
	void theEndOfAReplayDecodesNoMoreCustomersThanTheBound() throws Exception {
		// one cart per customer over 4 hours: the last hour's customers wait for an abandonment timer after the end
		Path log = carts(dir.resolve("carts.jsonl"), CUSTOMERS, 4 * HOUR);
		JobSettings settings = FlinkFixtures.settings().withMapping(FlinkFixtures.MAPPING).withCustomersInMemory(IN_MEMORY)
				.withReplayEnd(FlinkFixtures.latestEventTime(log));
		JourneyOperator operator = new JourneyOperator(settings);
		List<OutputRecord> output;
		try (KeyedOneInputStreamOperatorTestHarness<String, EventRecord, OutputRecord> harness =
				new KeyedOneInputStreamOperatorTestHarness<>(operator, EventRecord::getCustomerId, Types.STRING)) {
			harness.open();
			EventLines lines = new EventLines(settings);
			long line = 0;
			int mostDecoded = 0;
			for (String text : Files.readAllLines(log)) {
				SourceRecord read = lines.read(++line, text);
				EventRecord record = EventLines.record(read.event(), line);
				harness.processElement(record, record.at);
				harness.processWatermark(record.at - WATERMARK_LAG);
				mostDecoded = Math.max(mostDecoded, operator.customersDecoded());
			}
			assertTrue(mostDecoded <= IN_MEMORY + 1, "decoded during the input: " + mostDecoded);

			harness.processWatermark(Long.MAX_VALUE);
			assertTrue(operator.customersDecoded() <= IN_MEMORY, "decoded after the final watermark: " + operator.customersDecoded());
			assertTrue(operator.wakeUpTimesHeld() <= IN_MEMORY, "wake-up times held: " + operator.wakeUpTimesHeld());
			harness.endInput();
			output = harness.extractOutputValues();
		}

		Path local = FlinkFixtures.localRun(log, dir.resolve("local"));
		List<String> localChanges = FlinkFixtures.sorted(local.resolve(JsonLinesOutput.STAGE_CHANGES));
		assertTrue(localChanges.stream().filter(c -> c.contains("\"to\":\"Abandoned\"")).count() > CUSTOMERS / 2,
				"most carts are abandoned within the log, some at its end");
		assertEquals(localChanges, sortedJson(output, OutputRecord.STAGE_CHANGE));
		assertEquals(FlinkFixtures.sorted(local.resolve(JsonLinesOutput.ACTIONS)), sortedJson(output, OutputRecord.ACTION));
	}

	/** One cart per customer, evenly over {@code span} ms of event time. */
	private static Path carts(Path log, int customers, long span) throws IOException {
		long start = Instant.parse("2026-03-01T00:00:00Z").toEpochMilli();
		try (Writer out = Files.newBufferedWriter(log)) {
			for (int i = 0; i < customers; i++) {
				out.write("{\"customer\":\"c" + (10_000 + i) + "\",\"time\":\"" + Instant.ofEpochMilli(start + i * span / customers)
						+ "\",\"type\":\"cart_add\",\"productId\":\"p" + i % 50 + "\",\"price\":" + (5 + i % 150) + ".50}\n");
			}
		}
		return log;
	}

	private static List<String> sortedJson(List<OutputRecord> output, String kind) {
		return output.stream().filter(record -> record.kind.equals(kind)).map(record -> record.json).sorted().toList();
	}
}
