package io.itinera.runtime.rules;

import io.itinera.runtime.plan.Campaign;
import io.itinera.runtime.plan.JourneyPlan;

/** Raw DRL runs arbitrary code on the machine, so hosts run it only when told to ({@code --allow-raw-drl}). */
public final class RawDrlPolicy {
	/** The journey code of this refusal, as {@code itinera check --forbid-raw-drl} reports it too. */
	public static final String CODE = "io.itinera.journey.drl.forbidden";

	private RawDrlPolicy() {
	}

	/** Null when the plan may run; else the error (file:line:col, what, how to allow it). */
	public static String refusal(JourneyPlan plan, boolean allowed) {
		if (allowed) {
			return null;
		}
		for (Campaign campaign : plan.campaigns()) {
			if (campaign.drl() != null && !campaign.drl().isBlank()) {
				return campaign.location().file() + ":" + campaign.location().line() + ":" + campaign.location().column()
						+ ": error: campaign " + campaign.name() + " has a raw drl block, which runs arbitrary code and is off by "
						+ "default; rerun with --allow-raw-drl if you trust this journey, or write its rules as 'rule \"…\" when … then …'. ["
						+ CODE + "]";
			}
		}
		return null;
	}
}
