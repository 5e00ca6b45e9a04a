package io.itinera.runtime.change;

import io.itinera.runtime.step.ActionRecord;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a migration does to a population of stored customers, counted: customers per old and new
 * stage, timers, customers whose stage has nowhere to go, and what the new version's campaign
 * rules would send at once to those who change stage.
 */
public final class MigrationTally {
	/** The new stage of customers who leave the journey, in {@link #moves()}. */
	public static final String EXIT = "exit";

	private final Map<String, Map<String, Long>> moves = new TreeMap<>();
	private final Map<String, Long> stranded = new TreeMap<>();
	private long outOfJourney;
	private long timersCancelled;
	private long timersSet;
	private long timersMoved;
	private long customersSentAtOnce;
	private long actionsAtOnce;

	void count(CustomerMigration.Result result, List<ActionRecord> actionsAtOnce) {
		if (result.oldStage() == null) {
			outOfJourney++;
			return;
		}
		String to = result.left() ? EXIT : result.newStage();
		moves.computeIfAbsent(result.oldStage(), s -> new TreeMap<>()).merge(to, 1L, Long::sum);
		timersMoved += result.timersMoved();
		timersCancelled += result.timersToCancel().size() - result.timersMoved();
		timersSet += result.timersToSet().size() - result.timersMoved();
		if (!actionsAtOnce.isEmpty()) {
			customersSentAtOnce++;
			this.actionsAtOnce += actionsAtOnce.size();
		}
	}

	/** One line: who changed stage or left, and what became of the timers. */
	public String summary() {
		long changed = 0;
		long left = 0;
		for (Map.Entry<String, Map<String, Long>> from : moves.entrySet()) {
			for (Map.Entry<String, Long> to : from.getValue().entrySet()) {
				if (to.getKey().equals(EXIT)) {
					left += to.getValue();
				} else if (!to.getKey().equals(from.getKey())) {
					changed += to.getValue();
				}
			}
		}
		return changed + " customers changed stage, " + left + " left the journey; timers: " + timersCancelled + " cancelled, "
				+ timersSet + " set, " + timersMoved + " moved";
	}

	void countStranded(String oldStage) {
		stranded.merge(oldStage, 1L, Long::sum);
	}

	/** Old stage → new stage (or {@link #EXIT}) → customers. */
	public Map<String, Map<String, Long>> moves() {
		return moves;
	}

	/** Customers of old stages that are gone without a mapping, by stage. */
	public Map<String, Long> stranded() {
		return stranded;
	}

	public long outOfJourney() {
		return outOfJourney;
	}

	/** Timers cancelled for good (not counting those that only changed their id). */
	public long timersCancelled() {
		return timersCancelled;
	}

	/** New timers (not counting those that only changed their id). */
	public long timersSet() {
		return timersSet;
	}

	/** Timers kept with their due time under a new id (a renamed stage, another transition index). */
	public long timersMoved() {
		return timersMoved;
	}

	public long customersSentAtOnce() {
		return customersSentAtOnce;
	}

	public long actionsAtOnce() {
		return actionsAtOnce;
	}
}
