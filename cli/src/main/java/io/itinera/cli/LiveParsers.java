package io.itinera.cli;

import io.itinera.runtime.io.ColumnMapping;
import io.itinera.runtime.io.EventLineParser;
import io.itinera.runtime.io.EventSchema;
import io.itinera.runtime.io.JsonLinesEventParser;
import io.itinera.runtime.io.TimeWindow;
import java.time.Duration;
import java.time.Instant;

/** The parsers of {@code itinera serve}: the API's (plausible times from now on) and the input log's (lines already checked). */
record LiveParsers(ColumnMapping columns, long maxSkewMillis) {
	EventLineParser intake(EventSchema schema) {
		return new JsonLinesEventParser(columns, schema, TimeWindow.of(TimeWindow.DEFAULT_EARLIEST, Instant.now(),
				Duration.ofMillis(maxSkewMillis)));
	}

	EventLineParser log(EventSchema schema) {
		return new JsonLinesEventParser(columns, schema, TimeWindow.unlimited());
	}
}
