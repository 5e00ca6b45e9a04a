package io.itinera.runtime.engine;

import io.itinera.runtime.io.EventSource;
import io.itinera.runtime.io.SourceRecord;
import java.io.IOException;

/** A source that asks the engine to stop at a line, as Ctrl-C or SIGTERM would. */
final class StoppingSource extends PassingSource {
	private final long stopAt;
	private final Runnable stop;

	StoppingSource(EventSource source, long stopAt, Runnable stop) {
		super(source);
		this.stopAt = stopAt;
		this.stop = stop;
	}

	@Override
	public SourceRecord next() throws IOException {
		if (lines + 1 == stopAt) {
			stop.run();
		}
		return super.next();
	}
}
