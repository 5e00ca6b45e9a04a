package io.itinera.runtime.simulate;

import io.itinera.runtime.io.DeadLetter;
import io.itinera.runtime.io.EventSource;
import io.itinera.runtime.io.ReadAheadSource;
import io.itinera.runtime.io.SourceRecord;
import io.itinera.runtime.step.Event;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Replays a historical log through one journey, or two versions of one, in a single pass of the
 * input: a virtual clock driven by the events' own times, so a month of history replays in seconds.
 * Deterministic: the same log gives the same report. One thread applies every input (a second one
 * only reads and parses the lines ahead, {@link ReadAheadSource}, and a third tallies the figures of
 * what was applied, {@link FigureThread}).
 */
public final class Simulator {
	/** How often (in events) progress is reported and a stop request is noticed. */
	static final int PROGRESS_EVERY = 8192;

	private final List<JourneySimulation> journeys;
	private final Long from;
	private final Long to;
	private final ProgressListener progress;
	private volatile boolean stopRequested;
	private volatile Progress last = new Progress(0, 0, -1, -1, Long.MIN_VALUE, false);

	/**
	 * @param from  first event time replayed (epoch ms, inclusive), or null for the log's start
	 * @param to    end of the replay (epoch ms, exclusive), or null for the log's last event;
	 *              timers fire up to here
	 */
	public Simulator(List<JourneySimulation> journeys, Long from, Long to, ProgressListener progress) {
		if (journeys.isEmpty()) {
			throw new IllegalArgumentException("nothing to simulate");
		}
		this.journeys = List.copyOf(journeys);
		this.from = from;
		this.to = to;
		this.progress = progress == null ? p -> {
		} : progress;
	}

	/** Asks a running replay to stop at the next event; it still reports what it saw. */
	public void stop() {
		stopRequested = true;
	}

	/** How far the replay has got; safe to call from another thread (a shutdown hook). */
	public Progress progress() {
		return last;
	}

	/** Replays the log to its end; its unreadable lines go to {@code deadLetters}. */
	public List<SimulationReport> run(EventSource source, Consumer<DeadLetter> deadLetters) throws IOException {
		long events = 0;
		long outside = 0;
		long badLines = 0;
		long records = 0;
		long first = Long.MAX_VALUE;
		long latest = Long.MIN_VALUE;
		long dataEnd = Long.MIN_VALUE;
		SourceRecord record;
		// the lines are read and parsed on a thread of their own while this one applies them
		ReadAheadSource lines = new ReadAheadSource(source);
		for (JourneySimulation journey : journeys) {
			journey.tallyOnOwnThread();
		}
		try {
			while (!stopRequested && (record = lines.next()) != null) {
				records++;
				Event event = record.event();
				if (event == null) {
					if (record.deadLetter() != null) {
						badLines++;
						deadLetters.accept(record.deadLetter());
					}
				} else if ((from != null && event.at() < from) || (to != null && event.at() >= to)) {
					outside++;
					dataEnd = Math.max(dataEnd, event.at());
				} else {
					events++;
					first = Math.min(first, event.at());
					latest = Math.max(latest, event.at());
					dataEnd = Math.max(dataEnd, event.at());
					for (int j = 0; j < journeys.size(); j++) {
						JourneySimulation journey = journeys.get(j);
						journey.advanceTo(event.at());
						if (journey.declares(event.type())) {
							journey.onEvent(event, record.lineNumber());
						}
					}
				}
				if ((records & (PROGRESS_EVERY - 1)) == 0) {
					report(records, badLines, lines, latest, false);
				}
			}
		} finally {
			lines.close();
		}
		long end = to != null ? to - 1 : latest;
		if (end != Long.MIN_VALUE && !stopRequested) {
			for (JourneySimulation journey : journeys) {
				journey.finish(end);
			}
		}
		report(records, badLines, lines, latest, true);
		SimulationReport.Window window = first == Long.MAX_VALUE ? new SimulationReport.Window(null, null, null)
				: new SimulationReport.Window(JourneyFigures.instant(from != null ? from : first),
						JourneyFigures.instant(to != null ? to : latest), JourneyFigures.instant(dataEnd));
		List<SimulationReport> reports = new ArrayList<>();
		for (JourneySimulation journey : journeys) {
			reports.addAll(journey.reports(window, outside, events, badLines));
		}
		return reports;
	}

	private void report(long records, long badLines, EventSource source, long latest, boolean done) {
		last = new Progress(records, badLines, source.position(), source.size(), latest, done);
		progress.update(last);
	}

	/** A snapshot: records read, dead letters, bytes read of the total, the latest event time. */
	public record Progress(long records, long deadLetters, long position, long size, long latestEventAt,
			boolean done) {
		public double fraction() {
			return size > 0 && position >= 0 ? Math.min(1.0, (double) position / size) : Double.NaN;
		}
	}

	@FunctionalInterface
	public interface ProgressListener {
		void update(Progress progress);
	}
}
