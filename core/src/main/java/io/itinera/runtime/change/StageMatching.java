package io.itinera.runtime.change;

import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.Migration;
import io.itinera.runtime.plan.Stage;
import io.itinera.runtime.plan.Transition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which new stage each old stage became. In order: the new file's {@code migrate} mappings; a stage
 * kept by name; then a guessed rename — a removed and an added stage with the same phase and the
 * same transitions (targets compared through the stages matched so far), when exactly one pair fits.
 */
public final class StageMatching {
	/** How an old stage was matched. */
	public enum How {
		/** A {@code migrate} mapping (to a stage, or to exit). */
		MAPPED,
		/** The same name in both versions. */
		SAME_NAME,
		/** Guessed: same phase and transitions, another name. */
		GUESSED_RENAME,
		/** Nothing in the new version: the stage was removed. */
		REMOVED
	}

	/** Where customers of {@code oldStage} go: {@code newStage}, or null (exit, or removed). */
	public record Match(String oldStage, String newStage, How how) {
		public boolean exits() {
			return how == How.MAPPED && newStage == null;
		}
	}

	private final Map<String, Match> byOldStage;
	private final java.util.Set<String> newStages;

	private StageMatching(Map<String, Match> byOldStage, java.util.Set<String> newStages) {
		this.byOldStage = byOldStage;
		this.newStages = newStages;
	}

	public static StageMatching between(JourneyPlan oldPlan, JourneyPlan newPlan) {
		Map<String, Match> matches = new LinkedHashMap<>();
		Migration migration = newPlan.migration();
		for (Stage stage : oldPlan.stages()) {
			Migration.StageMapping mapping = migration == null ? null : migration.mappingOf(stage.name());
			if (mapping != null) {
				matches.put(stage.name(), new Match(stage.name(), mapping.to(), How.MAPPED));
			} else if (newPlan.stage(stage.name()) != null) {
				matches.put(stage.name(), new Match(stage.name(), stage.name(), How.SAME_NAME));
			}
		}
		List<Stage> removed = oldPlan.stages().stream().filter(s -> !matches.containsKey(s.name())).toList();
		List<Stage> added = newPlan.stages().stream()
				.filter(s -> oldPlan.stage(s.name()) == null && matches.values().stream().noneMatch(m -> s.name().equals(m.newStage())))
				.toList();
		Map<String, String> translate = new LinkedHashMap<>();
		matches.values().stream().filter(m -> m.newStage() != null && newPlan.stage(m.oldStage()) == null)
				.forEach(m -> translate.put(m.oldStage(), m.newStage()));
		for (Stage old : removed) {
			List<Stage> candidates = added.stream().filter(a -> sameShape(old, a, translate, oldPlan, newPlan)).toList();
			boolean uniqueBothWays = candidates.size() == 1 && removed.stream()
					.filter(r -> sameShape(r, candidates.get(0), translate, oldPlan, newPlan)).count() == 1;
			matches.put(old.name(), uniqueBothWays ? new Match(old.name(), candidates.get(0).name(), How.GUESSED_RENAME)
					: new Match(old.name(), null, How.REMOVED));
		}
		Map<String, Match> inOldOrder = new LinkedHashMap<>();
		oldPlan.stages().forEach(s -> inOldOrder.put(s.name(), matches.get(s.name())));
		return new StageMatching(inOldOrder,
				newPlan.stages().stream().map(Stage::name).collect(java.util.stream.Collectors.toSet()));
	}

	private static boolean sameShape(Stage old, Stage added, Map<String, String> translate, JourneyPlan oldPlan,
			JourneyPlan newPlan) {
		if (!Objects.equals(old.phase(), added.phase()) || old.transitions().size() != added.transitions().size()) {
			return false;
		}
		for (int i = 0; i < old.transitions().size(); i++) {
			Transition before = old.transitions().get(i);
			Transition after = added.transitions().get(i);
			String target = before.target().equals(old.name()) ? added.name() : translate.getOrDefault(before.target(), before.target());
			if (!PlanText.trigger(before).equals(PlanText.trigger(after)) || !after.target().equals(target)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * What a stage name of the old version (a transition's target, a campaign's stage) names in the
	 * new one: itself while a stage of that name exists, else the stage it was renamed or mapped to.
	 */
	public String newNameOf(String oldStage) {
		Match match = byOldStage.get(oldStage);
		if (newStages.contains(oldStage) || match == null || match.newStage() == null) {
			return oldStage;
		}
		return match.newStage();
	}

	public Match of(String oldStage) {
		return byOldStage.get(oldStage);
	}

	public List<Match> all() {
		return new ArrayList<>(byOldStage.values());
	}

	/**
	 * The old stage {@code newStage} continues: the one that became it by name or rename, else the
	 * old stage of that name (whose customers a mapping sent elsewhere), else the first mapped to it;
	 * null for a new stage.
	 */
	public String oldStageOf(String newStage) {
		for (Match match : byOldStage.values()) {
			if (newStage.equals(match.newStage()) && match.how() != How.MAPPED) {
				return match.oldStage();
			}
		}
		if (byOldStage.containsKey(newStage)) {
			return newStage;
		}
		for (Match match : byOldStage.values()) {
			if (newStage.equals(match.newStage())) {
				return match.oldStage();
			}
		}
		return null;
	}
}
