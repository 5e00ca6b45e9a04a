package io.itinera.runtime.change;

import io.itinera.runtime.plan.SourceLocation;

/**
 * One difference between two versions of a journey, in marketer terms, with where it is written in
 * the old version ({@code before}) and in the new one ({@code after}); either is null when the
 * element exists only on the other side.
 */
public record PlanChange(Kind kind, String description, SourceLocation before, SourceLocation after) {

	public enum Kind {
		STAGE_ADDED, STAGE_REMOVED, STAGE_RENAMED, STAGE_REMAPPED, STAGE_PHASE_CHANGED,
		TRANSITION_ADDED, TRANSITION_REMOVED, TRANSITION_TARGET_CHANGED, TIMER_CHANGED, CONDITION_CHANGED,
		FEATURE_ADDED, FEATURE_REMOVED, FEATURE_WINDOW_CHANGED, FEATURE_DEFINITION_CHANGED,
		MODEL_ADDED, MODEL_REMOVED, MODEL_CHANGED,
		CAMPAIGN_ADDED, CAMPAIGN_REMOVED, CAMPAIGN_STAGES_CHANGED, SCHEDULE_CHANGED,
		RULE_ADDED, RULE_REMOVED, RULE_CHANGED, CAP_CHANGED, QUIET_HOURS_CHANGED,
		SPLIT_ADDED, SPLIT_REMOVED, SPLIT_ARMS_CHANGED,
		SEGMENT_ADDED, SEGMENT_REMOVED, SEGMENT_CHANGED,
		ENTRY_CHANGED, REENTRY_CHANGED, EXIT_ADDED, EXIT_REMOVED, GOAL_CHANGED
	}

	/** "old.journey:12 -> new.journey:14", the lines on the sides that have the element. */
	public String where() {
		if (before != null && after != null) {
			return line(before) + " -> " + line(after);
		}
		return before != null ? line(before) + " (old)" : line(after) + " (new)";
	}

	private static String line(SourceLocation location) {
		return location.file() + ":" + location.line();
	}
}
