package io.itinera.cli;

import io.itinera.runtime.simulate.Simulator;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Locale;

/** The simulate progress bar on standard error: share of the log read, events/s, ETA, event time reached. */
final class SimulationProgress implements Simulator.ProgressListener {
	private static final int WIDTH = 30;
	private static final long REDRAW_NANOS = 250_000_000L;
	private final PrintStream out;
	private final boolean enabled;
	private final long started = System.nanoTime();
	private long lastDraw;
	private boolean drawn;

	SimulationProgress(PrintStream out, boolean enabled) {
		this.out = out;
		this.enabled = enabled;
	}

	@Override
	public void update(Simulator.Progress progress) {
		if (!enabled) {
			return;
		}
		long now = System.nanoTime();
		if (progress.done()) {
			if (drawn) {
				out.print("\r" + " ".repeat(WIDTH + 90) + "\r");
				out.flush();
			}
			return;
		}
		if (now - lastDraw < REDRAW_NANOS) {
			return;
		}
		lastDraw = now;
		drawn = true;
		out.print("\r" + line(progress, now));
		out.flush();
	}

	private String line(Simulator.Progress progress, long now) {
		double seconds = (now - started) / 1e9;
		double fraction = progress.fraction();
		int filled = Double.isNaN(fraction) ? 0 : (int) (fraction * WIDTH);
		String eta = !Double.isNaN(fraction) && fraction > 0.005 && fraction < 1
				? String.format(Locale.ROOT, " ETA %s", duration(seconds / fraction - seconds))
				: "";
		String reached = progress.latestEventAt() == Long.MIN_VALUE ? ""
				: " at " + Instant.ofEpochMilli(progress.latestEventAt()).toString().substring(0, 10);
		return String.format(Locale.ROOT, "[%s%s] %3.0f%% %,d events %,.0f events/s%s%s   ", "=".repeat(filled),
				" ".repeat(WIDTH - filled), Double.isNaN(fraction) ? 0 : fraction * 100, progress.records(),
				seconds > 0 ? progress.records() / seconds : 0, eta, reached);
	}

	/** What a Ctrl-C prints: how far the replay got. */
	static String interrupted(Simulator.Progress progress) {
		double fraction = progress.fraction();
		return String.format(Locale.ROOT, "Interrupted after %,d events (%s of the log), up to event time %s; %,d dead letters.",
				progress.records(), Double.isNaN(fraction) ? "?" : String.format(Locale.ROOT, "%.1f%%", fraction * 100),
				progress.latestEventAt() == Long.MIN_VALUE ? "-" : Instant.ofEpochMilli(progress.latestEventAt()),
				progress.deadLetters());
	}

	private static String duration(double seconds) {
		long s = Math.round(seconds);
		return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
				: s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
	}
}
