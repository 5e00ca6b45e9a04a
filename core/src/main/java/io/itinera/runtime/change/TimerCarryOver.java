package io.itinera.runtime.change;

import io.itinera.runtime.plan.Stage;
import io.itinera.runtime.plan.Transition;
import java.util.ArrayList;
import java.util.List;

/**
 * What becomes of a stage's {@code after D} timers when its customers move to a stage of the new
 * version: a timer with the same delay and (renamed) target is kept, under its new transition
 * index; the others are cancelled, and the new stage's unmatched timers are set. Indexes are
 * positions in the stage's transitions, as in timer ids {@code Stage#index@enteredAt}.
 */
public record TimerCarryOver(List<Kept> kept, List<Integer> cancelled, List<Integer> added) {

	/** The old stage's timer {@code oldIndex} continues as the new stage's timer {@code newIndex}. */
	public record Kept(int oldIndex, int newIndex) {
	}

	public static TimerCarryOver between(Stage oldStage, Stage newStage, StageMatching stages) {
		List<Kept> kept = new ArrayList<>();
		List<Integer> cancelled = new ArrayList<>();
		List<Integer> unmatched = timerIndexes(newStage);
		for (int oldIndex : timerIndexes(oldStage)) {
			Transition.AfterDelay old = (Transition.AfterDelay) oldStage.transitions().get(oldIndex);
			String target = old.target().equals(oldStage.name()) ? newStage.name() : newName(old.target(), stages);
			Integer match = unmatched.stream().filter(i -> {
				Transition.AfterDelay candidate = (Transition.AfterDelay) newStage.transitions().get(i);
				return candidate.delayMillis() == old.delayMillis() && candidate.target().equals(target);
			}).findFirst().orElse(null);
			if (match == null) {
				cancelled.add(oldIndex);
			} else {
				kept.add(new Kept(oldIndex, match));
				unmatched.remove(match);
			}
		}
		return new TimerCarryOver(kept, cancelled, unmatched);
	}

	/** Everything cancelled, nothing set: the customer leaves the journey. */
	public static TimerCarryOver leaving(Stage oldStage) {
		return new TimerCarryOver(List.of(), timerIndexes(oldStage), List.of());
	}

	public boolean unchanged() {
		return cancelled.isEmpty() && added.isEmpty() && kept.stream().allMatch(k -> k.oldIndex() == k.newIndex());
	}

	private static String newName(String oldStage, StageMatching stages) {
		return stages.newNameOf(oldStage);
	}

	static List<Integer> timerIndexes(Stage stage) {
		List<Integer> indexes = new ArrayList<>();
		for (int i = 0; i < stage.transitions().size(); i++) {
			if (stage.transitions().get(i) instanceof Transition.AfterDelay) {
				indexes.add(i);
			}
		}
		return indexes;
	}
}
