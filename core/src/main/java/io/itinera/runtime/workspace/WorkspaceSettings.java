package io.itinera.runtime.workspace;

import io.itinera.runtime.delivery.DeliverySettings;
import io.itinera.runtime.plan.Cap;
import io.itinera.runtime.plan.QuietHours;
import io.itinera.runtime.plan.Topic;
import java.time.ZoneId;
import java.util.List;

/**
 * What a workspace's journeys share (the folder's {@code itinera.workspace} and the host's options):
 * caps per customer that count every journey's sends, quiet hours applied once across journeys
 * (null: none), the zone of quiet hours for customers without a {@code timezone} attribute, and the
 * subscription topics every journey's sends may name.
 */
public record WorkspaceSettings(List<Cap> caps, QuietHours quietHours, ZoneId zone, List<Topic> topics) {
	public static final WorkspaceSettings NONE = new WorkspaceSettings(List.of(), null, ZoneId.of("UTC"));

	public WorkspaceSettings {
		caps = List.copyOf(caps);
		topics = topics == null ? List.of() : List.copyOf(topics);
	}

	/** Settings without subscription topics. */
	public WorkspaceSettings(List<Cap> caps, QuietHours quietHours, ZoneId zone) {
		this(caps, quietHours, zone, List.of());
	}

	/**
	 * These settings with the host's caps added (options of run and simulate); the host's zone unless
	 * the workspace file names one.
	 */
	public WorkspaceSettings with(DeliverySettings host) {
		List<Cap> all = new java.util.ArrayList<>(caps);
		all.addAll(host.globalCaps());
		return new WorkspaceSettings(all, quietHours, zone.equals(NONE.zone()) ? host.defaultZone() : zone, topics);
	}

	/** What each journey's own step gets: the zone only; the shared caps are the workspace's to apply. */
	public DeliverySettings forEachJourney() {
		return new DeliverySettings(zone, List.of());
	}
}
