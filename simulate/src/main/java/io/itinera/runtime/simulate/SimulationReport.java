package io.itinera.runtime.simulate;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a replay found for one journey: the figures behind the HTML report, written as
 * {@code report.json}. Counts of "customers" are distinct customers; "entries" and "times" count
 * every occurrence.
 */
public record SimulationReport(
		String journey,
		String title,
		Window window,
		Input input,
		List<StageFigures> stages,
		List<TransitionFigures> transitions,
		List<PhaseFigures> funnel,
		GoalFigures goal,
		List<CampaignFigures> campaigns,
		List<HistogramBin> messagesPerCustomerDay,
		List<SplitFigures> splits,
		List<DayFigures> daily,
		List<ChannelFigures> channels,
		List<WeekBin> messagesPerCustomerWeek,
		List<SegmentMonth> segmentsByMonth,
		LearningFigures learning) {

	/** The same report with the segment sizes by month of the replay. */
	public SimulationReport withSegmentsByMonth(List<SegmentMonth> months) {
		return new SimulationReport(journey, title, window, input, stages, transitions, funnel, goal, campaigns,
				messagesPerCustomerDay, splits, daily, channels, messagesPerCustomerWeek, List.copyOf(months), learning);
	}

	/** The same report with its send-time and learning figures ({@link LearningFigures}). */
	public SimulationReport withLearning(LearningFigures figures) {
		return new SimulationReport(journey, title, window, input, stages, transitions, funnel, goal, campaigns,
				messagesPerCustomerDay, splits, daily, channels, messagesPerCustomerWeek, segmentsByMonth, figures);
	}

	/**
	 * The event-time span replayed, and {@code dataEnds}: the latest event time of the log, outside the
	 * span too (ISO instants; null when the log had no events).
	 */
	public record Window(String from, String to, String dataEnds) {
	}

	/**
	 * What was read: events the journey handled, events outside the window, events of types the
	 * journey does not declare, lines dead-lettered, customers seen, timers fired, timers still pending
	 * at the end of the replay (due after it: customers who had no time left to move on), scores computed.
	 */
	public record Input(long events, long outsideWindow, long undeclared, long deadLetters, long customers,
			long timersFired, long timersPending, long scores) {
	}

	/** A stage: customers who entered it, customers who left it, customers still in it at the end. */
	public record StageFigures(String name, String phase, long entered, long entries, long exited, long current,
			boolean terminal) {
	}

	/**
	 * An edge of the journey graph: {@code from} is null for entry into the journey, {@code to} null
	 * for leaving it. {@code label} says what drives it ("on cart_add", "after 12h", …) and
	 * {@code condition} in full ("on order if orders90d >= 4"). {@code share}: customers who took it
	 * of those who entered {@code from} (for entry: of those who entered the journey).
	 */
	public record TransitionFigures(String from, String to, String label, String condition, long customers,
			long times, double share, boolean declared) {
	}

	/** Customers who reached a stage of the phase, and their share of the customers who entered the journey. */
	public record PhaseFigures(String phase, long customers, double share) {
	}

	/**
	 * Visits that reached the goal event within the goal window of their entry; {@code revenue} sums
	 * the goal events' {@code valueField} (null when the goal has none: revenue is then 0).
	 * {@code timeToGoal}: per stage, how long converted visits took from entering it to the goal.
	 * {@code afterSendWindowMillis}: the window after a message in which a goal event counts as a
	 * conversion after it (the rules' and arms' {@code convertedAfterSend}): {@code within D after send}, else the goal window.
	 */
	public record GoalFigures(String event, long windowMillis, String valueField, long visits, long converted,
			double rate, long customers, long customersConverted, double revenue, List<StageTiming> timeToGoal,
			long afterSendWindowMillis) {
	}

	/**
	 * From a visit's first entry into {@code stage} to its goal, over the {@code conversions} converted
	 * visits that entered the stage before the goal: quartiles in milliseconds.
	 */
	public record StageTiming(String stage, long conversions, long lowerQuartileMillis, long medianMillis,
			long upperQuartileMillis) {
	}

	/**
	 * Messages and other actions a campaign's rules fired (held messages count when released),
	 * messages suppressed by caps, held by quiet hours, and dropped at their release because the
	 * customer had left the campaign's stages.
	 */
	public record CampaignFigures(String name, long fired, long capped, long quietHeld, long droppedAfterHold,
			List<RuleFigures> rules) {
	}

	/**
	 * A rule's actions and its results: {@code reached} customers got at least one of its actions;
	 * {@code converted} of them reached the goal afterwards (at a later step), and {@code revenue}
	 * sums the value of their goals after being reached. {@code sentWithItems}: the rule's sends that
	 * carried a recommender's items; {@code itemHits}: how many of those were followed, within the
	 * goal window, by the customer naming one of the items in an event (viewed, carted, bought);
	 * {@code itemHitRate}: their share (NaN without such sends). {@code convertedAfterSend}: customers
	 * reached who had a goal event later than one of the rule's actions and at most the goal's
	 * after-send window after it (per message, whether or not their visit had converted already);
	 * {@code rateAfterSend}: their share of {@code reached}. {@code attributesRead}: the customer
	 * attributes (from events or a profile import) the rule's condition reads;
	 * {@code firedOnMissingAttribute}: of the actions fired, those decided while one of them had no value.
	 */
	public record RuleFigures(String title, long fired, long capped, long quietHeld, long droppedAfterHold,
			long reached, long converted, double rate, double revenue, long sentWithItems, long itemHits,
			double itemHitRate, long convertedAfterSend, double rateAfterSend, List<String> attributesRead,
			long firedOnMissingAttribute) {
		public RuleFigures {
			attributesRead = List.copyOf(attributesRead);
		}
	}

	/** {@code customerDays} customer-days saw exactly {@code messages} messages (the last bin: that many or more). */
	public record HistogramBin(int messages, boolean orMore, long customerDays) {
	}

	/**
	 * A channel's messages in one journey: {@code sent} (a held message counts when released),
	 * {@code heldByQuietHours} (sent later or dropped), and {@code notSent} by reason: {@code cap},
	 * {@code holdout} (what the withheld arm would have sent a holdout customer), {@code left the
	 * stage} (a held message dropped at release).
	 */
	public record ChannelFigures(String journey, String channel, long sent, long heldByQuietHours, long notSent,
			Map<String, Long> notSentByReason) {
		/** Reasons in name order, so report.json is the same bytes on every run. */
		public ChannelFigures {
			notSentByReason = Collections.unmodifiableMap(new TreeMap<>(notSentByReason));
		}
	}

	/**
	 * A workspace's messages across all its journeys: per journey and channel, and per customer per
	 * week counting every journey's sends ({@code report.json} beside the journeys' reports).
	 */
	public record WorkspaceDelivery(String workspace, List<String> journeys, List<ChannelFigures> channels,
			List<WeekBin> messagesPerCustomerWeek) {
	}

	/** {@code customerWeeks} customer-weeks (UTC, from Monday) saw exactly {@code messages} messages (the last bin: that many or more). */
	public record WeekBin(int messages, boolean orMore, long customerWeeks) {
	}

	public record SplitFigures(String name, String stage, String method, String revenueMethod, List<ArmFigures> arms) {
	}

	/**
	 * Customers assigned to the arm, those who reached the goal afterwards, and the goal value after
	 * assignment. The lifts (conversion, and revenue per customer) are null for the holdout itself or
	 * when the split has none. {@code messaged}: customers of the arm who got a message of the split's
	 * campaigns after assignment (in the holdout: whom one would have reached, the withheld message);
	 * {@code convertedAfterSend}: those with a goal event within the after-send window after one;
	 * {@code rateAfterSend}: their share of {@code messaged}.
	 */
	public record ArmFigures(String arm, boolean holdout, int percent, long customers, long converted, double rate,
			ProportionDifference liftOverHoldout, double revenue, double revenuePerCustomer,
			MeanDifference revenueLiftOverHoldout, long messaged, long convertedAfterSend, double rateAfterSend) {
	}

	/** One day (UTC) of event time: actions sent and stage entries, per stage. */
	public record DayFigures(String day, long actions, long stageEntries, Map<String, Long> entriesByStage) {
	}

	/**
	 * The journey's declared segments at the end of a month of event time (UTC; {@code at}: the instant
	 * evaluated, the next month's first moment, or the replay's end for its last, partial month):
	 * {@code customers} seen by then (a customer not seen yet is in no segment).
	 */
	public record SegmentMonth(String month, String at, long customers, List<SegmentCount> segments, List<SegmentFlow> flows) {
	}

	/**
	 * Customers who, since the previous month's end, left segment {@code from} and joined segment {@code to}
	 * (each pair of a customer's leaves and joins counts once); {@code from} null: joined without leaving
	 * any (new, or newly matching), {@code to} null: left without joining any.
	 */
	public record SegmentFlow(String from, String to, long customers) {
	}

	/**
	 * Customers in the segment at the month's end; {@code joined}: of them, those not in it at the
	 * previous month's end (or not seen yet), {@code left}: those in it then and no longer (flows for
	 * the first 64 segments).
	 */
	public record SegmentCount(String segment, long customers, long joined, long left) {
	}
}
