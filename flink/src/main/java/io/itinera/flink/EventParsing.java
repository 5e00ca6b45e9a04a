package io.itinera.flink;

import io.itinera.runtime.driver.EventCodec;
import io.itinera.runtime.io.BadLineException;
import io.itinera.runtime.io.ColumnMapping;
import io.itinera.runtime.io.DeadLetter;
import io.itinera.runtime.io.EventSchema;
import io.itinera.runtime.io.JsonLinesEventParser;
import io.itinera.runtime.text.Shown;
import io.itinera.runtime.io.SourceRecord;
import io.itinera.runtime.step.Event;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Turns JSON lines into events with the journey's schema (a workspace's: all its journeys' events)
 * and the column mapping, exactly as {@code run} reads a JSON Lines log; a line that cannot be read goes to the dead letters.
 */
final class EventParsing extends ProcessFunction<NumberedLine, EventRecord> {
	private static final long serialVersionUID = 1L;
	static final OutputTag<OutputRecord> DEAD_LETTERS = new OutputTag<>("dead-letters", OutputTypes.OUTPUT) {
		private static final long serialVersionUID = 1L;
	};

	/** A live job runs for days: its window of plausible times ("now" plus --max-skew) moves on this often. */
	private static final long WINDOW_MOVES_EVERY_MILLIS = 3_600_000;

	private final JobSettings settings;
	private transient EventSchema schema;
	private transient JsonLinesEventParser parser;
	private transient long windowMovesAt;

	EventParsing(JobSettings settings) {
		this.settings = settings;
	}

	@Override
	public void open(OpenContext context) {
		schema = JobJourneys.of(settings).schema();
	}

	private JsonLinesEventParser parser() {
		long now = System.currentTimeMillis();
		if (parser == null || now >= windowMovesAt) {
			parser = new JsonLinesEventParser(ColumnMapping.parse(settings.mapping()).perRecord("itinera flink"), schema,
					settings.eventTimes().window());
			windowMovesAt = now + WINDOW_MOVES_EVERY_MILLIS;
		}
		return parser;
	}

	@Override
	public void processElement(NumberedLine line, Context context, Collector<EventRecord> out) {
		if (line.text == null || line.text.isBlank()) {
			return;
		}
		SourceRecord read = read(parser(), line.line, line.text);
		if (read.deadLetter() != null) {
			context.output(DEAD_LETTERS, OutputTypes.deadLetter(read.deadLetter(), System.currentTimeMillis()));
		} else if (read.event() != null) {
			Event event = read.event();
			out.collect(new EventRecord(event.customerId(), event.at(), line.line, EventCodec.encode(event)));
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
