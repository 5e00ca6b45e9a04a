package io.itinera.cli.train;

import io.itinera.cli.ItineraCommandAccess;
import io.itinera.runtime.io.SyntheticEventLog;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import picocli.CommandLine;

/** What the train tests share: {@code itinera train …} run as a user runs it, and the seeded shop log they train on. */
final class TrainCli {
	private TrainCli() {
	}

	/** {@code itinera train ARGS…} in this JVM; its exit status, what it printed in {@code out} and {@code err}. */
	static int train(StringWriter out, StringWriter err, String... args) {
		CommandLine command = ItineraCommandAccess.commandLine();
		command.setOut(new PrintWriter(out, true));
		command.setErr(new PrintWriter(err, true));
		String[] all = new String[args.length + 1];
		all[0] = "train";
		System.arraycopy(args, 0, all, 1, args.length);
		return command.execute(all);
	}

	/** A seeded synthetic shop log of 30,000 events of 600 customers over {@code days} from 2026-03-01, as shop.csv in {@code dir}. */
	static Path shopLog(Path dir, int days) throws IOException {
		Path log = dir.resolve("shop.csv");
		try (Writer out = Files.newBufferedWriter(log)) {
			new SyntheticEventLog(30_000, 600, 3, Instant.parse("2026-03-01T00:00:00Z").toEpochMilli(), days, false).write(out);
		}
		return log;
	}
}
