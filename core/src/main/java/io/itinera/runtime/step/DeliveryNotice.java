package io.itinera.runtime.step;

import io.itinera.runtime.delivery.DeliveryOutcome;

/**
 * A message that was not simply sent when decided: suppressed by a cap, held by quiet hours (until
 * {@code releaseAt}), released later, dropped at release, or lost to a higher-priority journey of a
 * workspace. Reports count them per campaign and rule; {@code suppressions.jsonl} lists them.
 * Why, in machine-readable parts: {@code cap} (the cap reached, as written, e.g. {@code workspace
 * email 1 per 1 day}) and {@code capCount} (the sends it counted); {@code lostToJourney} and
 * {@code lostToRule} (the message that took the slot); {@code notSubscribed} (the topic, and when and how
 * the customer withdrew consent, for {@code NOT_SUBSCRIBED}). {@code journey} is set in a workspace run.
 */
public record DeliveryNotice(String customerId, long at, String actionId, String campaign, String rule, String channel,
		String target, DeliveryOutcome outcome, long releaseAt, String journey, String cap, int capCount, String lostToJourney,
		String lostToRule, ConsentPolicy.Withheld notSubscribed) {

	public DeliveryNotice(String customerId, long at, String actionId, String campaign, String rule, String channel,
			String target, DeliveryOutcome outcome, long releaseAt) {
		this(customerId, at, actionId, campaign, rule, channel, target, outcome, releaseAt, null, null, 0, null, null, null);
	}

	/** A send withheld for want of consent ({@code NOT_SUBSCRIBED}). */
	public static DeliveryNotice notSubscribed(ActionRecord action, long at, ConsentPolicy.Withheld why) {
		return new DeliveryNotice(action.customerId(), at, action.id(), action.campaign(), action.rule(), action.channel(),
				action.target(), DeliveryOutcome.NOT_SUBSCRIBED, 0, action.journey(), null, 0, null, null, why);
	}

	/** A notice about {@code action}. */
	public static DeliveryNotice of(ActionRecord action, long at, DeliveryOutcome outcome, long releaseAt) {
		return new DeliveryNotice(action.customerId(), at, action.id(), action.campaign(), action.rule(), action.channel(),
				action.target(), outcome, releaseAt, action.journey(), null, 0, null, null, null);
	}

	/** With the cap that was reached and how many sends it counted. */
	public DeliveryNotice becauseOf(String capText, int count) {
		return new DeliveryNotice(customerId, at, actionId, campaign, rule, channel, target, outcome, releaseAt, journey, capText,
				count, lostToJourney, lostToRule, notSubscribed);
	}

	/** With the message that won the slot. */
	public DeliveryNotice lostTo(String winnerJourney, String winnerRule) {
		return new DeliveryNotice(customerId, at, actionId, campaign, rule, channel, target, outcome, releaseAt, journey, cap,
				capCount, winnerJourney, winnerRule, notSubscribed);
	}

	/** The same notice as a workspace writes it: with its journey, and its action's id there ({@link ActionRecord#inJourney}). */
	public DeliveryNotice inJourney(String journeyName) {
		return new DeliveryNotice(customerId, at, ActionIds.inJourney(journeyName, actionId), campaign, rule, channel, target,
				outcome, releaseAt, journeyName, cap, capCount, lostToJourney, lostToRule, notSubscribed);
	}
}
