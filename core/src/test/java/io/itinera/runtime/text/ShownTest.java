package io.itinera.runtime.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What a message quotes from a file stays on one short line. */
class ShownTest {

	@Test
	void aNewlineInAMessageIsEscaped() {
		assertEquals("Unknown event 'two\\u000alines'.", Shown.message("Unknown event 'two\nlines'."));
	}

	@Test
	void aLongWordIsCutKeepingItsClosingPunctuation() {
		String name = "x".repeat(5_000);
		String shown = Shown.message("Unknown stage '" + name + "'. Declare it with `stage " + name + " (awareness) { }`.");
		assertEquals("Unknown stage '" + "x".repeat(39) + "…'. Declare it with `stage " + "x".repeat(40)
				+ "… (awareness) { }`.", shown);
		assertEquals("x".repeat(40) + "…", Shown.token(name));
		assertEquals("two\\u000alines", Shown.token("two\nlines"));
	}

	@Test
	void anEmojiStaysWholeAndAHalfOneIsEscaped() {
		assertEquals("Unexpected '🎁'.", Shown.message("Unexpected '🎁'."));
		assertEquals("Unexpected '\\ud83c'.", Shown.message("Unexpected '\ud83c'."));
		String emojis = Shown.message("🎁".repeat(100));
		assertTrue(emojis.endsWith("🎁…"), emojis);
	}

	@Test
	void wordsOfUsualLengthAreLeftAlone() {
		String path = "models/" + "p".repeat(60) + ".onnx";
		assertEquals("Model file " + path + " not found.", Shown.message("Model file " + path + " not found."));
	}
}
