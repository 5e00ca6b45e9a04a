package io.itinera.runtime.workspace;

import io.itinera.runtime.delivery.DeliverySettings;
import io.itinera.runtime.plan.Cap;
import io.itinera.runtime.plan.QuietHours;
import java.time.ZoneId;
import java.util.List;

/**
 * What a workspace's journeys share (the folder's {@code itinera.workspace} and the host's options):
 * caps per customer that count every journey's sends, quiet hours applied once across journeys
 * (null: none), and the zone of quiet hours for customers without a {@code timezone} attribute.
 */
public record WorkspaceSettings(List<Cap> caps, QuietHours quietHours, ZoneId zone) {
	public static final WorkspaceSettings NONE = new WorkspaceSettings(List.of(), null, ZoneId.of("UTC"));

	public WorkspaceSettings {
		caps = List.copyOf(caps);
	}

	/**
	 * These settings with the host's caps added (options of run and simulate); the host's zone unless
	 * the workspace file names one.
	 */
	public WorkspaceSettings with(DeliverySettings host) {
		List<Cap> all = new java.util.ArrayList<>(caps);
		all.addAll(host.globalCaps());
		return new WorkspaceSettings(all, quietHours, zone.equals(NONE.zone()) ? host.defaultZone() : zone);
	}

	/** What each journey's own step gets: the zone only; the shared caps are the workspace's to apply. */
	public DeliverySettings forEachJourney() {
		return new DeliverySettings(zone, List.of());
	}
}
