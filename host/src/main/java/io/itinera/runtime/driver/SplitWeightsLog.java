package io.itinera.runtime.driver;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Consumer;

/**
 * A host's {@value SplitEpochs#FILE} written as the epochs come (a live host never ends; a killed run
 * leaves what it had): each line is flushed at once. A fresh run starts the file empty; a run resumed from
 * a checkpoint keeps the lines the checkpoint had ({@link #keepFirst}) and writes the rest again.
 */
public final class SplitWeightsLog implements Consumer<String>, AutoCloseable {
	private final Path file;
	private BufferedWriter writer;
	/** Whether this run started the file (a later open appends). */
	private boolean started;

	public SplitWeightsLog(Path file) {
		this.file = file;
	}

	/** Resumed: the file keeps its first {@code lines} lines, and new lines follow them. */
	public synchronized void keepFirst(long lines) {
		started = true; // never start it empty now, even when this fails
		try {
			if (writer != null) {
				writer.close();
			}
			List<String> kept = Files.exists(file) ? Files.readAllLines(file) : List.of();
			if (kept.size() < lines) {
				throw new IllegalStateException(file + " has " + kept.size() + " lines where the checkpoint wrote " + lines
						+ "; it was changed or deleted since: give the run a new --state to start over");
			}
			Files.write(file, kept.subList(0, (int) lines));
			writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
			started = true;
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@Override
	public synchronized void accept(String line) {
		try {
			open();
			writer.write(line);
			writer.write('\n');
			writer.flush();
		} catch (IOException e) {
			throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
		}
	}

	/** Creates the file (empty for a run that crossed no epoch) when nothing opened it yet. */
	@Override
	public synchronized void close() throws IOException {
		open();
		writer.close();
		writer = null;
	}

	private void open() throws IOException {
		if (writer == null) {
			Files.createDirectories(file.toAbsolutePath().getParent());
			writer = started ? Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND)
					: Files.newBufferedWriter(file, StandardCharsets.UTF_8);
			started = true;
		}
	}
}
