package io.itinera.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/** An engine failure reads as what failed, also when the exception has no message of its own. */
class EngineFailureTest {
	@Test
	void aMessageIsShownAsItIs() {
		assertEquals("the state folder is full", EngineFailure.describe(new IllegalStateException(" the state folder is full ")));
	}

	@Test
	void aWrapperWithoutAMessageShowsItsCause() {
		assertEquals("disk gone", EngineFailure.describe(new RuntimeException(null, new UncheckedIOException(new IOException("disk gone")))));
	}

	@Test
	void withoutAnyMessageItSaysWhatFailedAndWhatToDo() {
		String text = EngineFailure.describe(new NullPointerException());
		assertTrue(text.startsWith("the engine failed while it processed the events"), text);
		assertTrue(text.contains("start serve again") && text.contains("(NullPointerException)"), text);
		assertTrue(!text.startsWith("java.lang."), text);
	}
}
