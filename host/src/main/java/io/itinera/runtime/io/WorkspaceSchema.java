package io.itinera.runtime.io;

import io.itinera.runtime.plan.EventType;
import io.itinera.runtime.plan.FieldDecl;
import io.itinera.runtime.plan.JourneyPlan;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The events several journeys read from one log, read once for all: every event any of them declares,
 * with the union of their fields. A workspace's journeys, or the versions {@code simulate --compare}
 * runs side by side.
 */
public final class WorkspaceSchema {
	private WorkspaceSchema() {
	}

	/** @throws IllegalArgumentException when two journeys give one field different types (the message names both places) */
	public static EventSchema of(Collection<JourneyPlan> plans) {
		return union(plans, "journeys of a workspace read one log");
	}

	/** For versions of a journey compared over one log: a field one version adds is read for it. */
	public static EventSchema ofVersions(Collection<JourneyPlan> versions) {
		return union(versions, "the versions compared read one log");
	}

	private static EventSchema union(Collection<JourneyPlan> plans, String why) {
		Map<String, Map<String, FieldDecl>> fields = new LinkedHashMap<>();
		Map<String, EventType> first = new LinkedHashMap<>();
		for (JourneyPlan plan : plans) {
			for (EventType event : plan.events()) {
				first.putIfAbsent(event.name(), event);
				Map<String, FieldDecl> known = fields.computeIfAbsent(event.name(), name -> new LinkedHashMap<>());
				for (FieldDecl field : event.fields()) {
					FieldDecl earlier = known.putIfAbsent(field.name(), field);
					if (earlier != null && earlier.type() != field.type()) {
						throw new IllegalArgumentException(field.location() + ": " + event.name() + "." + field.name() + " is "
								+ field.type().name().toLowerCase() + " here but " + earlier.type().name().toLowerCase() + " at "
								+ earlier.location() + "; " + why + ", so declare it alike in both.");
					}
				}
			}
		}
		List<EventType> events = new ArrayList<>();
		fields.forEach((name, declared) -> events.add(new EventType(name, List.copyOf(declared.values()), first.get(name).location())));
		return new EventSchema(events);
	}
}
