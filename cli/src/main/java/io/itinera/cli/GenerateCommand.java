package io.itinera.cli;

import io.itinera.cli.vocabulary.CommandError;
import io.itinera.cli.vocabulary.ExitCode;
import io.itinera.runtime.io.InputFormat;
import io.itinera.runtime.io.SyntheticEventLog;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code itinera generate}: a seeded synthetic shop event log. */
@Command(name = "generate", description = {
		"Write a realistic synthetic event log: product views, favourites, carts and purchases by customers",
		"of different habits, in event-time order. The same options give the same bytes.",
		"Columns: " + SyntheticEventLog.CSV_HEADER })
public final class GenerateCommand implements Callable<Integer> {
	@Option(names = "--count", defaultValue = "20000", description = "how many events (default: ${DEFAULT-VALUE})")
	long events;

	@Option(names = "--customers", defaultValue = "2000", description = "the customers the events are drawn from: a few very active, most rarely so, and in a "
			+ "short log not every one has an event (default: ${DEFAULT-VALUE})")
	int customers;

	@Option(names = "--seed", defaultValue = "1", description = "random seed (default: ${DEFAULT-VALUE})")
	long seed;

	@Option(names = "--days", defaultValue = "30", description = "days the log covers (default: ${DEFAULT-VALUE})")
	int days;

	@Option(names = "--start", defaultValue = "2026-03-01T00:00:00Z", description = "time of the first event (default: ${DEFAULT-VALUE})")
	String start;

	@Option(names = "--format", description = "csv or jsonl (default: from the file name, else csv)")
	InputFormat format;

	@Option(names = { "-o", "--output" }, required = true, paramLabel = "LOG", description = "the file to write")
	Path output;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() throws IOException {
		PrintWriter err = spec.commandLine().getErr();
		long startMillis;
		try {
			startMillis = Instant.parse(start).toEpochMilli();
		} catch (DateTimeParseException e) {
			throw CommandError.error("--start " + start + " is not an ISO-8601 instant; write it like 2026-03-01T00:00:00Z.");
		}
		if (events < 1 || customers < 1 || days < 1) {
			throw CommandError.error("--count, --customers and --days must be at least 1.");
		}
		InputFormat chosen = format != null ? format : InputFormat.guess(output);
		Path parent = output.toAbsolutePath().getParent();
		if (parent != null) {
			Files.createDirectories(parent);
		}
		try (Writer out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(output), StandardCharsets.UTF_8),
				1 << 16)) {
			new SyntheticEventLog(events, customers, seed, startMillis, days, chosen == InputFormat.JSONL).write(out);
		}
		err.println("Wrote " + events + " events to " + output + ", drawn from " + customers + " customers.");
		err.flush();
		return ExitCode.OK.code();
	}
}
