package io.itinera.dsl.validation;

import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.validation.Check;

import io.itinera.dsl.compiler.JourneyCompiler;
import io.itinera.dsl.journey.Action;
import io.itinera.dsl.journey.Campaign;
import io.itinera.dsl.journey.Cap;
import io.itinera.dsl.journey.EventDecl;
import io.itinera.dsl.journey.EventTransition;
import io.itinera.dsl.journey.Exit;
import io.itinera.dsl.journey.Journey;
import io.itinera.dsl.journey.JourneyPackage;
import io.itinera.dsl.journey.QuietHours;
import io.itinera.dsl.journey.Rule;
import io.itinera.dsl.journey.SendAction;
import io.itinera.dsl.journey.Stage;
import io.itinera.dsl.journey.Transition;

/**
 * Warnings for caps that quietly stop the messages a campaign means to send, or that are missing:
 * a cap longer than the campaign's schedule, a cap equal to it with quiet hours (a held message
 * goes out late, so the next one falls inside the cap), and no cap where the rules run again on
 * every event of a customer who stays in the stage.
 */
public class CampaignCapValidator extends ComposedJourneyCheck {
	private static final JourneyPackage J = JourneyPackage.eINSTANCE;
	private static final long HOUR = 3_600_000L;
	private static final long DAY = 24 * HOUR;

	@Check
	public void capFitsSchedule(Campaign campaign) {
		if (campaign.getSchedule() == null || campaign.getSchedule().getPeriod() == null
				|| campaign.getSchedule().getPeriod().getAmount() <= 0) {
			return;
		}
		long every = JourneyCompiler.millis(campaign.getSchedule().getPeriod());
		for (Cap cap : campaign.getCaps()) {
			if (cap.getPeriod() == null || cap.getPeriod().getAmount() <= 0 || cap.getLimit() <= 0) {
				continue;
			}
			long period = JourneyCompiler.millis(cap.getPeriod());
			String written = "cap " + cap.getLimit() + " per " + text(cap.getPeriod());
			String schedule = "every " + text(campaign.getSchedule().getPeriod());
			if (period > cap.getLimit() * every) {
				warning("Campaign '" + campaign.getName() + "' runs its rules " + schedule + ", but `" + written + "` lets only "
						+ cap.getLimit() + (cap.getLimit() == 1 ? " message" : " messages") + " through in that time, so most "
						+ "scheduled messages will be capped. Make the cap no longer than the schedule (`cap " + cap.getLimit()
						+ " per " + words(cap.getLimit() * every) + "`), or run the rules less often (`every "
						+ words(period / cap.getLimit()) + "`).",
						cap, J.getCap_Period(), JourneyIssueCodes.CAP_LONGER_THAN_SCHEDULE);
			} else if (campaign.getQuietHours() != null && period == cap.getLimit() * every) {
				String suggestion = shorterCap(cap);
				warning("Campaign '" + campaign.getName() + "' runs " + schedule + " with quiet hours and `" + written
						+ "`: a message held by quiet hours goes out later than it was due (with data that has dates only, "
						+ "everything due at midnight waits for the morning), so the next one, due " + text(campaign.getSchedule().getPeriod())
						+ " after the previous was due, comes less than " + text(cap.getPeriod()) + " after it went out and is capped. "
						+ "Make the cap a bit shorter than the schedule: `" + suggestion + "`.",
						cap, J.getCap_Period(), JourneyIssueCodes.CAP_EQUALS_SCHEDULE_WITH_QUIET_HOURS, suggestion);
			}
		}
	}

	@Check
	public void repeatedRulesAreCapped(Campaign campaign) {
		if (!campaign.getCaps().isEmpty() || !sends(campaign)) {
			return;
		}
		Journey journey = EcoreUtil2.getContainerOfType(campaign, Journey.class);
		if (journey == null) {
			return;
		}
		for (Stage stage : campaign.getStages()) {
			if (stage == null || stage.eIsProxy()) {
				continue;
			}
			EventDecl staying = eventThatStays(journey, stage);
			if (staying != null) {
				warning("Campaign '" + campaign.getName() + "' has no cap, and its rules run again on every event of a customer "
						+ "in " + stage.getName() + " (a '" + staying.getName() + "' keeps them there), so each such event can send "
						+ "the message again. Add a cap, e.g. `cap 1 per 30 days`, for at most one message per period.",
						campaign, J.getCampaign_Name(), JourneyIssueCodes.CAMPAIGN_WITHOUT_CAP, campaign.getName());
				return;
			}
		}
	}

	/** Whether one of the campaign's rules sends a message (caps count sends only). */
	private static boolean sends(Campaign campaign) {
		for (Rule rule : campaign.getRules()) {
			for (Action action : rule.getActions()) {
				if (action instanceof SendAction) {
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * An event of the journey that can reach a customer in the stage without taking them out of it
	 * (to another stage, or out of the journey, whatever its fields); null when every event does.
	 * Moving to the same stage again counts as staying: the rules run again as on entry.
	 */
	private static EventDecl eventThatStays(Journey journey, Stage stage) {
		for (EventDecl event : JourneyValidator.elementsOf(journey, EventDecl.class)) {
			if (!leaves(journey, stage, event)) {
				return event;
			}
		}
		return null;
	}

	private static boolean leaves(Journey journey, Stage stage, EventDecl event) {
		for (Exit exit : JourneyValidator.elementsOf(journey, Exit.class)) {
			if (exit.getEvent() == event && exit.getCondition() == null) {
				return true;
			}
		}
		for (Transition transition : stage.getTransitions()) {
			if (transition instanceof EventTransition on && on.getEvent() == event && on.getCondition() == null
					&& on.getTarget() != null && on.getTarget() != stage) {
				return true;
			}
		}
		return false;
	}

	/** The cap the warning about a cap equal to its schedule with quiet hours suggests (`cap 1 per 29 days`); null without quiet hours. */
	public static String shorterCap(Cap cap) {
		Campaign campaign = cap.eContainer() instanceof Campaign owner ? owner : null;
		if (campaign == null || campaign.getQuietHours() == null || cap.getPeriod() == null) {
			return null;
		}
		return "cap " + cap.getLimit() + " per " + words(shorter(JourneyCompiler.millis(cap.getPeriod()), campaign.getQuietHours()))
				+ (cap.eIsSet(J.getCap_Channel()) ? " on " + cap.getChannel().getLiteral() : "");
	}

	/** A cap period a little shorter than {@code period}: a day less, or for a day or less, the quiet hours less. */
	private static long shorter(long period, QuietHours quiet) {
		if (period >= 2 * DAY) {
			return period - DAY;
		}
		long quietMillis = quietLength(quiet);
		long margin = Math.max(HOUR, (quietMillis + HOUR - 1) / HOUR * HOUR);
		return period - margin >= HOUR ? period - margin : Math.max(HOUR, period / 2 / HOUR * HOUR);
	}

	private static long quietLength(QuietHours quiet) {
		Integer start = minutes(quiet.getStart());
		Integer end = minutes(quiet.getEnd());
		if (start == null || end == null) {
			return HOUR;
		}
		return ((end - start + 1440) % 1440) * 60_000L;
	}

	private static Integer minutes(String time) {
		if (time == null) {
			return null;
		}
		String[] parts = time.replace(" ", "").split(":");
		try {
			return parts.length == 2 ? Integer.parseInt(parts[0]) * 60 + Integer.parseInt(parts[1]) : null;
		} catch (NumberFormatException e) {
			return null;
		}
	}

	/** A duration as written. */
	private static String text(io.itinera.dsl.journey.Duration duration) {
		INode node = NodeModelUtils.findActualNodeFor(duration);
		return node == null ? duration.getAmount() + " " + duration.getUnit().getLiteral() : NodeModelUtils.getTokenText(node);
	}

	/** Milliseconds in days when whole, else in hours (what a suggestion is written in). */
	private static String words(long millis) {
		if (millis % DAY == 0) {
			long days = millis / DAY;
			return days + (days == 1 ? " day" : " days");
		}
		long hours = Math.max(1, millis / HOUR);
		return hours + (hours == 1 ? " hour" : " hours");
	}
}
