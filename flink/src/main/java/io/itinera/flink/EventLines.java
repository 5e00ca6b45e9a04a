package io.itinera.flink;

import io.itinera.runtime.driver.EventCodec;
import io.itinera.runtime.io.ColumnMapping;
import io.itinera.runtime.io.EventSchema;
import io.itinera.runtime.io.JsonLinesEventParser;
import io.itinera.runtime.io.SourceRecord;
import io.itinera.runtime.step.Event;

/**
 * Reads JSON lines as the job's events, with the journey's schema (a workspace's: all its journeys'
 * events) and the column mapping, exactly as {@code run} reads a JSON Lines log. Used where lines
 * are read: the parsing step after a file source, and inside the Kafka source (whose per-partition
 * watermarks need each event's time). Not serializable: made in a task's {@code open}.
 */
final class EventLines {
	/** A live job runs for days: its window of plausible times ("now" plus --max-skew) moves on this often. */
	private static final long WINDOW_MOVES_EVERY_MILLIS = 3_600_000;

	private final JobSettings settings;
	private final EventSchema schema;
	private JsonLinesEventParser parser;
	private long windowMovesAt;

	EventLines(JobSettings settings) {
		this.settings = settings;
		this.schema = JobJourneys.of(settings).schema();
	}

	/** One line: an event, a dead letter, or neither (a line the mapping skips); the text kept. */
	SourceRecord read(long line, String text) {
		return EventParsing.read(parser(), line, text);
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

	/** The record an event travels in to its customer's operator. */
	static EventRecord record(Event event, long line) {
		return new EventRecord(event.customerId(), event.at(), line, EventCodec.encode(event));
	}
}
