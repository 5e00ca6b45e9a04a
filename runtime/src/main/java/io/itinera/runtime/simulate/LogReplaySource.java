package io.itinera.runtime.simulate;

import io.itinera.runtime.io.DeadLetter;
import io.itinera.runtime.io.EventSource;
import io.itinera.runtime.io.SourceRecord;
import io.itinera.runtime.step.Event;
import java.io.IOException;
import java.util.function.Consumer;

/** An event log as the simulator reads it: bad lines go to {@code deadLetters} and the replay goes on. */
public final class LogReplaySource implements ReplaySource {
	private final EventSource source;
	private final Consumer<DeadLetter> deadLetterSink;
	private long deadLetters;

	public LogReplaySource(EventSource source, Consumer<DeadLetter> deadLetterSink) {
		this.source = source;
		this.deadLetterSink = deadLetterSink;
	}

	@Override
	public Event next() throws IOException {
		SourceRecord record;
		while ((record = source.next()) != null) {
			if (record.event() != null) {
				return record.event();
			}
			if (record.deadLetter() != null) {
				deadLetters++;
				deadLetterSink.accept(record.deadLetter());
			}
		}
		return null;
	}

	@Override
	public long deadLetters() {
		return deadLetters;
	}

	@Override
	public long position() {
		return source.position();
	}

	@Override
	public long size() {
		return source.size();
	}

	@Override
	public void close() throws IOException {
		source.close();
	}
}
