package io.itinera.runtime.simulate;

import io.itinera.runtime.step.Event;
import java.io.IOException;

/** A historical log read once from the front. Lines that cannot be read are counted, not fatal. */
public interface ReplaySource extends AutoCloseable {
	/** The next event, or null at the end of the log. */
	Event next() throws IOException;

	/** Lines dead-lettered so far. */
	long deadLetters();

	/** Bytes consumed so far, for progress; -1 when unknown. */
	long position();

	/** Total bytes, for progress; -1 when unknown. */
	long size();

	@Override
	void close() throws IOException;
}
