package io.itinera.serve.delivery;

import io.itinera.runtime.step.ActionRecord;
import java.net.URI;

/** One action on its way: where it goes and how many times it was tried. */
final class Delivery {
	private final ActionRecord action;
	private final String lane;
	private final Endpoint endpoint;
	private final URI uri;
	private volatile int attempts;

	Delivery(ActionRecord action, String lane, Endpoint endpoint, URI uri, int attempts) {
		this.action = action;
		this.lane = lane;
		this.endpoint = endpoint;
		this.uri = uri;
		this.attempts = attempts;
	}

	ActionRecord action() {
		return action;
	}

	String lane() {
		return lane;
	}

	Endpoint endpoint() {
		return endpoint;
	}

	URI uri() {
		return uri;
	}

	int attempts() {
		return attempts;
	}

	void tried() {
		attempts++;
	}
}
