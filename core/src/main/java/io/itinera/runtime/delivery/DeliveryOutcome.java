package io.itinera.runtime.delivery;

/** What happened to a message a rule decided, when it was not simply delivered at once. */
public enum DeliveryOutcome {
	/** A frequency cap was reached: the message is not sent. */
	SUPPRESSED_BY_CAP,
	/** It fell in the campaign's quiet hours: it waits for their end. */
	HELD_BY_QUIET_HOURS,
	/** {@code send … at best hour}: it waits for the customer's most engaged local hour (or the fallback time). */
	HELD_FOR_BEST_HOUR,
	/** A held message went out when the quiet hours ended. */
	RELEASED,
	/** A held message was not sent: by the end of the quiet hours the customer had left the campaign's stages. */
	DROPPED_STAGE_LEFT,
	/** In a workspace: a shared cap was taken by a higher-priority journey's message in the same step; not sent. */
	LOST_TO_PRIORITY,
	/** In a workspace: as {@link #LOST_TO_PRIORITY}, but the journey says {@code on conflict hold}: it waits for the cap to allow it. */
	HELD_BY_PRIORITY,
	/**
	 * Not sent: the customer is in the holdout arm of a split, and this is what a campaign of the
	 * split's other arms would have sent them (its rules are evaluated for the record, never delivered).
	 */
	SUPPRESSED_HOLDOUT,
	/**
	 * Not sent: the customer has not consented to the send's topic (unsubscribed from an opt-out topic, or never
	 * subscribed to an opt-in one); they stay in the journey. Transactional topics are never withheld.
	 */
	NOT_SUBSCRIBED
}
