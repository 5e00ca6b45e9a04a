package io.itinera.cli;

import io.itinera.cli.vocabulary.DelimiterOption;
import io.itinera.runtime.io.ColumnMapping;
import io.itinera.runtime.io.CsvEventParser;
import io.itinera.runtime.io.EventLineParser;
import io.itinera.runtime.io.EventLogSource;
import io.itinera.runtime.io.EventSchema;
import io.itinera.runtime.io.InputFormat;
import io.itinera.runtime.io.JsonLinesEventParser;
import io.itinera.runtime.io.ReadOptions;
import io.itinera.runtime.io.TimeWindow;
import io.itinera.runtime.replay.FileReplay;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The event log and the options that say how to read it: shared by run and simulate. */
final class EventInputOptions {
	@Option(names = "--format", description = "csv or jsonl (default: from the file name, else csv)")
	InputFormat format;

	@Mixin
	EventLogOption log = new EventLogOption();

	@Mixin
	MappingOption map = new MappingOption();

	@Option(names = "--columns", paramLabel = "NAMES", split = ",", description = "column names of a CSV log without a header line")
	List<String> columns;

	@Option(names = "--delimiter", defaultValue = ",", description = "CSV delimiter: a character, tab, or whitespace "
			+ "(runs of spaces and tabs) (default: ${DEFAULT-VALUE})")
	String delimiter;

	@Mixin
	MaxSkewOption maxSkew = new MaxSkewOption();

	@Option(names = "--earliest", paramLabel = "DATE", defaultValue = "1990-01-01", description = "refuse (dead-letter) "
			+ "event times before DATE, UTC (default: ${DEFAULT-VALUE})")
	String earliest;

	@Option(names = "--max-bad-lines", paramLabel = "P", defaultValue = "50%", description = "exit with an error (3) when "
			+ "more than this share of the lines cannot be read, for example 5%% (default: 50%%)")
	String maxBadLines;

	@Option(names = "--dedupe", paramLabel = "FIELD", description = "drop a line whose FIELD (a log column, or a journey "
			+ "field named in --map) repeats an earlier line's, for example an invoice id; counted as skipped")
	String dedupe;

	/** The log opened last (a replay's reading pass), for the bad-line check after the run. */
	EventLogSource opened;

	/** When the run started: the end of its time window is this plus --max-skew (null: now, when first asked). */
	Instant startedAt;

	Instant startedAt() {
		if (startedAt == null) {
			startedAt = Instant.now();
		}
		return startedAt;
	}

	/** The log: --events LOG. */
	Path events() {
		return log.file;
	}

	ColumnMapping columnMapping() {
		return map.columnMapping();
	}

	char delimiterChar() {
		return DelimiterOption.parse(delimiter);
	}

	/** The plausible time window of a run starting now. */
	TimeWindow timeWindow() {
		Instant from;
		try {
			from = LocalDate.parse(earliest.trim()).atStartOfDay(ZoneOffset.UTC).toInstant();
		} catch (DateTimeParseException e) {
			throw new IllegalArgumentException("--earliest " + earliest + ": give a date such as 1990-01-01");
		}
		return TimeWindow.of(from, startedAt(), Duration.ofMillis(maxSkew.millis()));
	}

	/** The most dead letters the reader may produce, as a share of the lines read (0 to 1). */
	double maxBadShare() {
		String text = maxBadLines.trim();
		try {
			double percent = Double.parseDouble(text.endsWith("%") ? text.substring(0, text.length() - 1).trim() : text);
			if (percent >= 0 && percent <= 100) {
				return percent / 100;
			}
		} catch (NumberFormatException e) {
			// the message below
		}
		throw new IllegalArgumentException("--max-bad-lines " + maxBadLines + ": give a percentage from 0% to 100%, e.g. 5%");
	}

	ReadOptions readOptions() {
		return new ReadOptions(timeWindow(), dedupe == null || dedupe.isBlank() ? null : dedupe.trim());
	}

	/** Checks every option (mapping, delimiter, window, share); an IllegalArgumentException says which is wrong. */
	void validate() {
		columnMapping();
		delimiterChar();
		readOptions();
		maxBadShare();
	}

	/**
	 * The log as a replay reads it ({@link FileReplay}): a first pass, then the log as it is or sorted
	 * by customer and time (sorted runs in {@code sortFolder}), its lines far beyond the rest refused
	 * unless {@code endAtTheLog} is false (the replay has its own end).
	 */
	FileReplay openReplay(Path log, EventSchema schema, long latenessMillis, boolean endAtTheLog, Path sortFolder)
			throws IOException {
		return openReplay(log, schema, latenessMillis, endAtTheLog, sortFolder, false);
	}

	/** {@code inTimeOrder}: sorted by time across customers ({@link FileReplay#openInTimeOrder}), for a learning split. */
	FileReplay openReplay(Path log, EventSchema schema, long latenessMillis, boolean endAtTheLog, Path sortFolder,
			boolean inTimeOrder) throws IOException {
		InputFormat chosen = format != null ? format : InputFormat.guess(log);
		maxBadShare();
		ReadOptions options = readOptions();
		FileReplay.Settings settings = new FileReplay.Settings(latenessMillis, maxSkew.millis(), endAtTheLog, sortFolder);
		if (inTimeOrder) {
			return FileReplay.openInTimeOrder((window, firstPass) -> opened = EventLogSource.open(log, chosen, columnMapping(), columns,
					delimiterChar(), schema, new ReadOptions(window, options.dedupe(), firstPass)), options.window(), settings);
		}
		return FileReplay.open((window, firstPass) -> opened = EventLogSource.open(log, chosen, columnMapping(), columns,
				delimiterChar(), schema, new ReadOptions(window, options.dedupe(), firstPass)), options.window(),
				new FileReplay.Settings(latenessMillis, maxSkew.millis(), endAtTheLog, sortFolder));
	}

	/** Where a replay's sorted runs go: a folder of the output that only lives while the log is read. */
	static Path sortFolder(Path out) {
		return out.resolve(".sorted-log");
	}

	/**
	 * The parser of one Kafka record: JSON by default, or CSV with {@code --format csv} and
	 * {@code --columns} (a record has no header line).
	 */
	EventLineParser recordParser(EventSchema schema) {
		if (dedupe != null && !dedupe.isBlank()) {
			throw new IllegalArgumentException("--dedupe reads a file from its start; it does not go with --kafka.");
		}
		columnMapping().perRecord("--kafka");
		InputFormat chosen = format != null ? format : InputFormat.JSONL;
		if (chosen == InputFormat.JSONL) {
			return new JsonLinesEventParser(columnMapping(), schema, timeWindow());
		}
		if (columns == null) {
			throw new IllegalArgumentException("--format csv with --kafka needs --columns NAMES: a Kafka record has no header line.");
		}
		return new CsvEventParser(columns, delimiterChar(), columnMapping(), schema, timeWindow());
	}

	/** Why {@code log} cannot be read (missing, a directory, unreadable), or null when it can. */
	static String whyNotALog(Path log) {
		return EventLogSource.whyNotALog(log);
	}

	@Override
	public String toString() {
		return "format=" + format + " map=" + map.spec + " columns=" + (columns == null ? null : Arrays.toString(columns.toArray()));
	}
}
