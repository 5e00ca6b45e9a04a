package io.itinera.flink;

import io.itinera.runtime.io.BadLineException;
import io.itinera.runtime.io.DeadLetter;
import io.itinera.runtime.io.JsonLinesEventParser;
import io.itinera.runtime.text.Shown;
import io.itinera.runtime.io.SourceRecord;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Turns JSON lines into events ({@link EventLines}); a line that cannot be read goes to the dead
 * letters. A line its source already read (a Kafka record) passes on as its event.
 */
final class EventParsing extends ProcessFunction<NumberedLine, EventRecord> {
	private static final long serialVersionUID = 1L;
	static final OutputTag<OutputRecord> DEAD_LETTERS = new OutputTag<>("dead-letters", OutputTypes.OUTPUT) {
		private static final long serialVersionUID = 1L;
	};

	private final JobSettings settings;
	private transient EventLines lines;

	EventParsing(JobSettings settings) {
		this.settings = settings;
	}

	@Override
	public void open(OpenContext context) {
		lines = new EventLines(settings);
	}

	@Override
	public void processElement(NumberedLine line, Context context, Collector<EventRecord> out) {
		if (line.event != null) { // read by its source
			out.collect(line.event);
			return;
		}
		if (line.text == null || line.text.isBlank()) {
			return;
		}
		SourceRecord read = lines.read(line.line, line.text);
		if (read.deadLetter() != null) {
			context.output(DEAD_LETTERS, OutputTypes.deadLetter(read.deadLetter(), System.currentTimeMillis()));
		} else if (read.event() != null) {
			out.collect(EventLines.record(read.event(), line.line));
		}
	}

	/** One line read as the job reads it: an event, a dead letter, or neither (a line the mapping skips); the text kept. */
	static SourceRecord read(JsonLinesEventParser parser, long line, String text) {
		try {
			return new SourceRecord(line, parser.parse(text), null, text);
		} catch (BadLineException e) {
			return new SourceRecord(line, null, new DeadLetter(line, e.getMessage(), text), text);
		} catch (RuntimeException e) {
			return new SourceRecord(line, null, new DeadLetter(line, "could not be read (" + e.getClass().getSimpleName() + ": "
					+ Shown.cut(String.valueOf(e.getMessage())) + ")", text), text);
		}
	}
}
