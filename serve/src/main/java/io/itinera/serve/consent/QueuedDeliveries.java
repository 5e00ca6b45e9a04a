package io.itinera.serve.consent;

/** Deliveries handed over and not yet made, which a withdrawn consent cancels. */
public interface QueuedDeliveries {
	/**
	 * Cancels {@code customer}'s deliveries of {@code topic} on {@code channel} not yet made ({@code topic} empty:
	 * every topic of the channel but transactional ones), each with a ledger entry saying {@code why}; returns how many.
	 */
	int cancelQueued(String customer, String topic, String channel, String why);
}
