package io.itinera.report;

import io.itinera.runtime.simulate.SimulationReport;
import java.time.Instant;

/**
 * How the report and the {@code run} and {@code simulate} summaries say where the data ends and what
 * was still to come: customers whose timers are due after the end had no time to move on, so a
 * campaign that looks like a failure may only lack time.
 */
public final class EndOfData {
	private EndOfData() {
	}

	/** "the data ends 2011-01-31 17:00 UTC (latest event time of the log)"; "the log has no events" without one. */
	public static String dataEnds(long latestEventAt) {
		return latestEventAt == Long.MIN_VALUE ? "the log has no events" : "the data ends " + latestEvent(latestEventAt);
	}

	/** "2011-01-31 17:00 UTC (latest event time of the log)". */
	public static String latestEvent(long latestEventAt) {
		return latestEventAt == Long.MIN_VALUE ? "– (no events)" : at(latestEventAt) + " (latest event time of the log)";
	}

	/** "2011-01-31 17:00 UTC (latest event read before the stop)": a stopped run has not read all of the log. */
	public static String latestEventBeforeStop(long latestEventAt) {
		return latestEventAt == Long.MIN_VALUE ? "– (no events)" : at(latestEventAt) + " (latest event read before the stop)";
	}

	/**
	 * "262 timers still pending at the end of the data (due after 2011-01-31 17:00 UTC)"; {@code endOfData}
	 * false when the replay ended before the data did ({@code --to}).
	 */
	public static String pendingTimers(long pending, long end, boolean endOfData) {
		String where = endOfData ? "at the end of the data" : "at the end of the replay";
		if (pending == 0) {
			return "no timers pending " + where;
		}
		return String.format(java.util.Locale.ROOT, "%,d timer%s still pending %s (due after %s)", pending,
				pending == 1 ? "" : "s", where, at(end));
	}

	/** The same for a report: its window's end and where the data ends. */
	public static String pendingTimers(SimulationReport report) {
		SimulationReport.Window window = report.window();
		if (window.to() == null) {
			return pendingTimers(report.input().timersPending(), Long.MIN_VALUE, true);
		}
		long end = Instant.parse(window.to()).toEpochMilli();
		long dataEnds = window.dataEnds() == null ? end : Instant.parse(window.dataEnds()).toEpochMilli();
		return pendingTimers(report.input().timersPending(), end, end >= dataEnds);
	}

	/** The same sentences from a report's figures, for a summary. */
	public static String of(SimulationReport report) {
		long dataEnds = report.window().dataEnds() == null ? Long.MIN_VALUE
				: Instant.parse(report.window().dataEnds()).toEpochMilli();
		return capitalised(dataEnds(dataEnds)) + "; " + pendingTimers(report) + ".";
	}

	private static String capitalised(String text) {
		return Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}

	private static String at(long millis) {
		return Html.dateTime(Instant.ofEpochMilli(millis).toString());
	}
}
