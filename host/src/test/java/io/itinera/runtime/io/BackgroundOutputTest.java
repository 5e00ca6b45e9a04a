package io.itinera.runtime.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.itinera.runtime.delivery.DeliveryOutcome;
import io.itinera.runtime.step.ActionRecord;
import io.itinera.runtime.step.DeliveryNotice;
import io.itinera.runtime.step.StageChange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackgroundOutputTest {
	@TempDir
	Path dir;

	@Test
	void writesTheSameBytesAsTheOutputItWraps() throws IOException {
		try (RunOutput direct = new JsonLinesOutput(dir.resolve("direct"));
				RunOutput background = new BackgroundOutput(new JsonLinesOutput(dir.resolve("background")))) {
			for (RunOutput output : List.of(direct, background)) {
				for (int i = 0; i < 3 * BackgroundOutput.BATCH + 17; i++) {
					String customer = "c" + i;
					output.write(List.of(new ActionRecord("a" + i, customer, i * 1_000L, "Rescue", "Plain", "send", "push", "t", Map.of(),
							Map.of())), List.of(new StageChange(customer, i, null, "Carted", "entry")),
							i % 7 == 0 ? List.of(new DeliveryNotice(customer, i, "a" + i, "Rescue", "Plain", "push", "t",
									DeliveryOutcome.HELD_BY_QUIET_HOURS, i + 1)) : List.of(),
							i % 11 == 0 ? List.of(new DeadLetter(i, "bad", "x,y")) : List.of());
					if (i == 100) {
						output.sync(); // a checkpoint in the middle waits for what came before it
					}
				}
			}
			assertEquals(direct.sync(), background.sync());
		}
		for (String file : List.of(JsonLinesOutput.ACTIONS, JsonLinesOutput.STAGE_CHANGES, JsonLinesOutput.SUPPRESSIONS,
				JsonLinesOutput.DEAD_LETTERS)) {
			assertArrayEquals(Files.readAllBytes(dir.resolve("direct").resolve(file)),
					Files.readAllBytes(dir.resolve("background").resolve(file)), file);
		}
	}

	@Test
	void aFailureToWriteIsThrownByTheNextCall() throws IOException {
		RunOutput failing = new RunOutput() {
			@Override
			public void write(List<ActionRecord> actions, List<StageChange> stageChanges, List<DeliveryNotice> notices,
					List<DeadLetter> deadLetters) throws IOException {
				throw new IOException("disk full");
			}

			@Override
			public OutputPositions sync() {
				return OutputPositions.START;
			}

			@Override
			public void restore(OutputPositions positions) {
			}

			@Override
			public void close() {
			}
		};
		RunOutput background = new BackgroundOutput(failing);
		background.write(List.of(), List.of(new StageChange("c", 0, null, "A", "entry")), List.of(), List.of());
		IOException thrown = assertThrows(IOException.class, background::close);
		assertEquals("cannot write the output: disk full", thrown.getMessage());
	}
}
