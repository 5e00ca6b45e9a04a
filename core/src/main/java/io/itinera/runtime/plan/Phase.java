package io.itinera.runtime.plan;

import java.util.List;
import java.util.Locale;

/**
 * The default lifecycle phases a stage rolls up to in reports, in funnel order. A journey may
 * declare its own ({@code phases a, b, c}); a stage's phase is then one of those names.
 */
public enum Phase {
	AWARENESS, CONSIDERATION, PURCHASE, LOYALTY;

	/** The default phases as written in a journey, in order. */
	public static final List<String> DEFAULTS = List.of("awareness", "consideration", "purchase", "loyalty");

	/** The name as written in a journey: lower case. */
	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** Plans written before journeys could declare phases carry the enum's name (AWARENESS): read it as written. */
	static String normalise(String phase) {
		if (phase != null) {
			for (Phase p : values()) {
				if (p.name().equals(phase)) {
					return p.label();
				}
			}
		}
		return phase;
	}
}
