package io.itinera.cli;

import java.io.PrintStream;
import java.util.function.LongSupplier;

/** A one-line progress bar on standard error, redrawn a few times a second. */
final class ProgressBar implements AutoCloseable {
	private static final int WIDTH = 30;
	private final PrintStream out;
	private final long total;
	private final LongSupplier done;
	private final LongSupplier lines;
	private final Thread thread;
	private final long started = System.nanoTime();
	private volatile boolean running = true;

	ProgressBar(PrintStream out, long totalBytes, LongSupplier bytesDone, LongSupplier linesDone) {
		this.out = out;
		this.total = totalBytes;
		this.done = bytesDone;
		this.lines = linesDone;
		this.thread = new Thread(this::loop, "itinera-progress");
		thread.setDaemon(true);
		thread.start();
	}

	private void loop() {
		while (running) {
			draw();
			try {
				Thread.sleep(250);
			} catch (InterruptedException e) {
				return;
			}
		}
	}

	private void draw() {
		long bytes = done.getAsLong();
		double fraction = total <= 0 ? 0 : Math.min(1, (double) bytes / total);
		int filled = (int) (fraction * WIDTH);
		double seconds = (System.nanoTime() - started) / 1e9;
		long lineCount = lines.getAsLong();
		String eta = fraction > 0.01 && fraction < 1 ? String.format(" ETA %.0fs", seconds / fraction - seconds) : "";
		out.print(String.format("\r[%s%s] %3.0f%% %,d lines %,.0f lines/s%s   ", "=".repeat(filled), " ".repeat(WIDTH - filled),
				fraction * 100, lineCount, seconds > 0 ? lineCount / seconds : 0, eta));
		out.flush();
	}

	@Override
	public void close() {
		running = false;
		thread.interrupt();
		try {
			thread.join(1000);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		out.print("\r" + " ".repeat(WIDTH + 60) + "\r");
		out.flush();
	}
}
