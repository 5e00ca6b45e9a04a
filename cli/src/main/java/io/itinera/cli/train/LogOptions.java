package io.itinera.cli.train;

import io.itinera.cli.vocabulary.DelimiterOption;
import io.itinera.runtime.io.ColumnMapping;
import io.itinera.runtime.io.EventLogSource;
import io.itinera.runtime.io.EventSchema;
import io.itinera.runtime.io.InputFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The log a customer table is built from, read as {@code run} reads it: the same --map, --columns, --delimiter. */
final class LogOptions {
	@Option(names = "--events", required = true, paramLabel = "LOG", description = "the event log: CSV or JSON Lines")
	Path events;

	@Option(names = "--format", description = "csv or jsonl (default: from the file name, else csv)")
	InputFormat format;

	@Option(names = "--map", paramLabel = "SPEC", description = "where the events keep what, as for run "
			+ "(event=order for a log of orders without a type column; see docs/events.md)")
	String map;

	@Option(names = "--columns", paramLabel = "NAMES", split = ",", description = "column names of a CSV log without a header line")
	List<String> columns;

	@Option(names = "--delimiter", defaultValue = ",", description = "CSV delimiter: a character, tab, or whitespace (default: ${DEFAULT-VALUE})")
	String delimiter;

	/** @throws IllegalArgumentException naming the option that is wrong, or the file that cannot be read */
	EventHistory read(EventSchema schema) throws IOException {
		ColumnMapping mapping = ColumnMapping.parse(map);
		char separator = DelimiterOption.parse(delimiter);
		InputFormat chosen = format != null ? format : InputFormat.guess(events);
		try (EventLogSource source = EventLogSource.open(events, chosen, mapping, columns, separator, schema)) {
			return EventHistory.read(source);
		}
	}
}
