package io.itinera.cli;

import io.itinera.cli.vocabulary.DurationOption;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The one duration parser of the command line: --lateness, --max-skew, train's --within and --every. */
class DurationOptionTest {
	@Test
	void aNumberAndAUnitOrZero() {
		assertEquals(90_000, DurationOption.millis("--lateness", "90s"));
		assertEquals(60_000, DurationOption.millis("--lateness", "1m"));
		assertEquals(2 * 7 * 86_400_000L, DurationOption.millis("--max-skew", "2 W"));
		assertEquals(0, DurationOption.millis("--lateness", "0"));
		assertEquals(0, DurationOption.millis("--lateness", "0s"));
	}

	@Test
	void anythingElseSaysWhatToWrite() {
		for (String wrong : new String[] { "5", "-1m", "1y", "1.5h", "", "9999999999d" }) {
			IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DurationOption.millis("--lateness", wrong));
			assertTrue(e.getMessage().startsWith("--lateness " + wrong + " is not a duration; write a number and a unit"), e.getMessage());
		}
	}

	@Test
	void trainingWindowsAreLongerThanZero() {
		assertEquals(7 * 86_400_000L, DurationOption.positiveMillis("--within", "7d"));
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DurationOption.positiveMillis("--within", "0d"));
		assertTrue(e.getMessage().contains("longer than 0"), e.getMessage());
	}
}
