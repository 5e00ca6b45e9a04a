package io.itinera.flink;

import io.itinera.runtime.delivery.DeliverySettings;
import io.itinera.runtime.driver.DriverSettings;
import io.itinera.runtime.io.TimeWindow;
import io.itinera.runtime.workspace.WorkspaceFile;
import io.itinera.runtime.workspace.WorkspaceSettings;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What every operator of the job needs to know, shipped with the job graph: the plan as JSON (a
 * compiled plan is plain data, so the job needs no DSL), where its models are, how events are read
 * and how the driver keeps time.
 *
 * @param planJson the compiled journey ({@code PlanJson})
 * @param journeyDirectory models are read relative to it (on a cluster: a path every task manager sees)
 * @param mapping the column mapping spec, as {@code --map} takes it; null: the default names
 * @param latenessMillis a customer's events out of order by at most this are put back in order; the
 *        watermark trails the latest event time by as much
 * @param scoreBatch most rows per scorer call
 * @param scoreWaitMicros live: the longest a score request waits for its batch to fill
 * @param wallClock live: timers fire by the system clock (processing time)
 * @param replayEnd a replay's end, epoch ms: timers due later stay pending when the input ends;
 *        Long.MAX_VALUE: every timer the final watermark passes fires
 * @param customersInMemory slots each subtask keeps decoded between inputs (the rest stay in Flink state only);
 *        {@link #FROM_HEAP}: as many as a quarter of the heap holds, shared by the subtasks
 * @param zone the quiet hours' zone for customers without a timezone attribute ({@code run --zone})
 * @param globalCaps caps over all campaigns ({@code run --cap}), in {@link DeliveryArguments}' form
 * @param workspaceFile a workspace (planJson in {@code WorkspacePlans}' form): the text of its
 *        {@code itinera.workspace} (shared caps, quiet hours, zone); null: it has none, or one journey
 * @param eventTimes which event times are plausible ({@link EventTimes})
 * @param allowRawDrl run the raw {@code drl} blocks of campaigns ({@code --allow-raw-drl}); else the job refuses such a plan
 */
public record JobSettings(String planJson, String journeyDirectory, String mapping, long latenessMillis, int scoreBatch,
		long scoreWaitMicros, boolean wallClock, long replayEnd, int customersInMemory, String zone, List<String> globalCaps,
		String workspaceFile, EventTimes eventTimes, boolean allowRawDrl)
		implements Serializable {
	/** {@code customersInMemory}: from the heap's size. */
	public static final int FROM_HEAP = 0;
	/** A generous estimate of a decoded customer's heap (state, features, slot, map entries), as {@code run} has it. */
	private static final long BYTES_PER_CUSTOMER_IN_MEMORY = 2_048;

	/**
	 * The window of plausible event times, as {@code run} has it: up to the job's start plus
	 * {@code maxSkewMillis}, and for a replay whose log has lines far beyond the rest
	 * ({@code LogScan}), up to {@code maxSkewMillis} after {@code logReaches}, the time the rest
	 * reaches (Long.MAX_VALUE: no such lines).
	 */
	public record EventTimes(long maxSkewMillis, long logReaches) implements Serializable {
		static final EventTimes DEFAULT = new EventTimes(TimeWindow.DEFAULT_MAX_SKEW.toMillis(), Long.MAX_VALUE);

		/** The window for a parser made now. */
		public TimeWindow window() {
			TimeWindow window = TimeWindow.of(TimeWindow.DEFAULT_EARLIEST, Instant.now(), Duration.ofMillis(maxSkewMillis));
			return logReaches == Long.MAX_VALUE ? window : window.endingAfterLog(logReaches, maxSkewMillis);
		}
	}

	public JobSettings {
		globalCaps = List.copyOf(globalCaps);
	}

	public static JobSettings of(String planJson, String journeyDirectory) {
		return new JobSettings(planJson, journeyDirectory, null, DriverSettings.DEFAULT_LATENESS_MILLIS, 256, 2_000, false,
				Long.MAX_VALUE, FROM_HEAP, "UTC", List.of(), null, EventTimes.DEFAULT, false);
	}

	public DeliverySettings delivery() {
		return DeliveryArguments.settings(zone, globalCaps);
	}

	public JobSettings withDelivery(String zoneId, List<String> caps) {
		return new JobSettings(planJson, journeyDirectory, mapping, latenessMillis, scoreBatch, scoreWaitMicros, wallClock, replayEnd,
				customersInMemory, zoneId, caps, workspaceFile, eventTimes, allowRawDrl);
	}

	/** A workspace's settings: its file's with these caps and zone added (as {@code run DIR} takes them). */
	public WorkspaceSettings workspace() {
		return workspaceFromFile().with(delivery());
	}

	/** The settings of the workspace's own file ({@link WorkspaceSettings#NONE} without one). */
	WorkspaceSettings workspaceFromFile() {
		return workspaceFile == null ? WorkspaceSettings.NONE
				: WorkspaceFile.read(Path.of(journeyDirectory, WorkspaceFile.NAME), workspaceFile.lines().toList());
	}

	public JobSettings withWorkspaceFile(String text) {
		return new JobSettings(planJson, journeyDirectory, mapping, latenessMillis, scoreBatch, scoreWaitMicros, wallClock, replayEnd,
				customersInMemory, zone, globalCaps, text, eventTimes, allowRawDrl);
	}

	public DriverSettings driver() {
		return DriverSettings.replay().withWallClock(wallClock).withLateness(latenessMillis).withScoring(scoreBatch, scoreWaitMicros);
	}

	/** How many customers one of {@code subtasks} subtasks keeps decoded in a JVM of {@code maxHeap} bytes. */
	int customersInMemory(long maxHeap, int subtasks) {
		if (customersInMemory != FROM_HEAP) {
			return customersInMemory;
		}
		return (int) Math.min(Integer.MAX_VALUE, Math.max(10_000, maxHeap / 4 / BYTES_PER_CUSTOMER_IN_MEMORY / Math.max(1, subtasks)));
	}

	public JobSettings withCustomersInMemory(int customers) {
		return new JobSettings(planJson, journeyDirectory, mapping, latenessMillis, scoreBatch, scoreWaitMicros, wallClock, replayEnd,
				customers, zone, globalCaps, workspaceFile, eventTimes, allowRawDrl);
	}

	public JobSettings withMapping(String spec) {
		return new JobSettings(planJson, journeyDirectory, spec, latenessMillis, scoreBatch, scoreWaitMicros, wallClock, replayEnd,
				customersInMemory, zone, globalCaps, workspaceFile, eventTimes, allowRawDrl);
	}

	public JobSettings withReplayEnd(long end) {
		return new JobSettings(planJson, journeyDirectory, mapping, latenessMillis, scoreBatch, scoreWaitMicros, wallClock, end,
				customersInMemory, zone, globalCaps, workspaceFile, eventTimes, allowRawDrl);
	}

	public JobSettings withWallClock(boolean live) {
		return new JobSettings(planJson, journeyDirectory, mapping, latenessMillis, scoreBatch, scoreWaitMicros, live, replayEnd,
				customersInMemory, zone, globalCaps, workspaceFile, eventTimes, allowRawDrl);
	}

	public JobSettings withLateness(long millis) {
		return new JobSettings(planJson, journeyDirectory, mapping, millis, scoreBatch, scoreWaitMicros, wallClock, replayEnd,
				customersInMemory, zone, globalCaps, workspaceFile, eventTimes, allowRawDrl);
	}

	public JobSettings withScoring(int batch, long waitMicros) {
		return new JobSettings(planJson, journeyDirectory, mapping, latenessMillis, batch, waitMicros, wallClock, replayEnd,
				customersInMemory, zone, globalCaps, workspaceFile, eventTimes, allowRawDrl);
	}

	public JobSettings withEventTimes(EventTimes times) {
		return new JobSettings(planJson, journeyDirectory, mapping, latenessMillis, scoreBatch, scoreWaitMicros, wallClock, replayEnd,
				customersInMemory, zone, globalCaps, workspaceFile, times, allowRawDrl);
	}

	public JobSettings withRawDrlAllowed(boolean allowed) {
		return new JobSettings(planJson, journeyDirectory, mapping, latenessMillis, scoreBatch, scoreWaitMicros, wallClock, replayEnd,
				customersInMemory, zone, globalCaps, workspaceFile, eventTimes, allowed);
	}
}
