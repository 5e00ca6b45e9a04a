package io.itinera.runtime.delivery;

import io.itinera.runtime.plan.Cap;
import java.time.ZoneId;
import java.util.List;

/**
 * Host-wide delivery settings: the time zone quiet hours use for customers without a valid
 * {@code timezone} attribute, and caps over all campaigns of the journey (per customer, of one
 * channel or of any).
 */
public record DeliverySettings(ZoneId defaultZone, List<Cap> globalCaps) {
	public static final DeliverySettings DEFAULT = new DeliverySettings(ZoneId.of("UTC"), List.of());

	public DeliverySettings {
		globalCaps = List.copyOf(globalCaps);
	}
}
