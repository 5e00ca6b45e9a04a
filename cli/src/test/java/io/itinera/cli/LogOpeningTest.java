package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A log opened on a thread of its own while the command assembles: the same result, or the same error, as opened in place. */
class LogOpeningTest {

	@Test
	void theLogOpenedOnAnotherThreadIsHandedOver() throws IOException {
		AtomicReference<Thread> openedOn = new AtomicReference<>();
		InputStream log = new ByteArrayInputStream(new byte[] { 1, 2, 3 });
		LogOpening<InputStream> opening = LogOpening.start(() -> {
			openedOn.set(Thread.currentThread());
			return log;
		});
		assertSame(log, opening.get());
		assertNotEquals(Thread.currentThread(), openedOn.get());
	}

	@Test
	void whatOpeningThrewIsThrownWhereTheLogIsTaken() {
		IllegalArgumentException wrongOption = new IllegalArgumentException("--columns: the log has 3 columns, not 5");
		LogOpening<Closeable> badOption = LogOpening.start(() -> {
			throw wrongOption;
		});
		assertSame(wrongOption, assertThrows(IllegalArgumentException.class, badOption::get));
		IOException unreadable = new IOException("events.csv: cannot be read");
		LogOpening<Closeable> badFile = LogOpening.start(() -> {
			throw unreadable;
		});
		assertSame(unreadable, assertThrows(IOException.class, badFile::get));
	}

	@Test
	void aLogNotNeededAfterAllIsClosedAndItsErrorIgnored() {
		AtomicBoolean closed = new AtomicBoolean();
		LogOpening<Closeable> opened = LogOpening.start(() -> () -> closed.set(true));
		opened.discard();
		assertTrue(closed.get());
		LogOpening<Closeable> failed = LogOpening.start(() -> {
			throw new IOException("events.csv: cannot be read");
		});
		failed.discard(); // the command has already failed for another reason: no second error
	}
}
