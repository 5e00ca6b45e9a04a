package io.itinera.runtime.plan;

/** The lifecycle phase a stage rolls up to in reports. */
public enum Phase {
	AWARENESS, CONSIDERATION, PURCHASE, LOYALTY
}
