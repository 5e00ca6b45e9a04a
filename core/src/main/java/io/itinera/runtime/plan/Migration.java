package io.itinera.runtime.plan;

import java.util.List;

/**
 * The {@code migrate { … }} block: how customers of the running version of a journey move into
 * this one. A stage kept by name maps to itself unless a mapping says otherwise; a mapping whose
 * {@code to} is null ({@code -> exit}) takes the customer out of the journey. {@code timers} says
 * from when the timers of transitions the customer's stage did not have before count.
 */
public record Migration(List<StageMapping> stages, TimerBasis timers, SourceLocation location) {
	public Migration {
		stages = List.copyOf(stages);
		timers = timers == null ? TimerBasis.ENTRY : timers;
	}

	/** {@code from -> to}, or {@code from -> exit} when {@code to} is null. */
	public record StageMapping(String from, String to, SourceLocation location) {
	}

	/** New timers count from the customer's original entry into the stage, or from the migration. */
	public enum TimerBasis {
		ENTRY, NOW;

		public String keyword() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}
	}

	/** The mapping written for an old stage, or null when there is none. */
	public StageMapping mappingOf(String oldStage) {
		for (StageMapping mapping : stages) {
			if (mapping.from().equals(oldStage)) {
				return mapping;
			}
		}
		return null;
	}
}
