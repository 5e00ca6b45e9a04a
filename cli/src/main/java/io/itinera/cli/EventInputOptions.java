package io.itinera.cli;

import io.itinera.runtime.io.ColumnMapping;
import io.itinera.runtime.io.EventLogSource;
import io.itinera.runtime.io.EventSchema;
import io.itinera.runtime.io.InputFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Option;

/** The options that say how to read an event log: shared by run, simulate and bench. */
final class EventInputOptions {
	@Option(names = "--format", description = "csv or jsonl (default: from the file name, else csv)")
	InputFormat format;

	@Option(names = "--map", paramLabel = "SPEC", description = {
			"where the log keeps what, e.g. customer=user_id,time=ts:epoch-seconds,type=behavior_type,",
			"type.pv=product_view,type.fav=-,field.price=item_price,zone=Europe/Paris,unknown=skip",
			"(see docs/events.md)" })
	String mapping;

	@Option(names = "--columns", paramLabel = "NAMES", split = ",", description = "column names of a CSV log without a header line")
	List<String> columns;

	@Option(names = "--delimiter", defaultValue = ",", description = "CSV delimiter: a character, or tab (default: ${DEFAULT-VALUE})")
	String delimiter;

	ColumnMapping columnMapping() {
		return ColumnMapping.parse(mapping);
	}

	char delimiterChar() {
		if (delimiter.equalsIgnoreCase("tab") || delimiter.equals("\\t")) {
			return '\t';
		}
		if (delimiter.length() != 1) {
			throw new IllegalArgumentException("--delimiter must be one character or tab, not '" + delimiter + "'");
		}
		return delimiter.charAt(0);
	}

	EventLogSource open(Path log, EventSchema schema) throws IOException {
		InputFormat chosen = format != null ? format : InputFormat.guess(log);
		return EventLogSource.open(log, chosen, columnMapping(), columns, delimiterChar(), schema);
	}

	@Override
	public String toString() {
		return "format=" + format + " map=" + mapping + " columns=" + (columns == null ? null : Arrays.toString(columns.toArray()));
	}
}
