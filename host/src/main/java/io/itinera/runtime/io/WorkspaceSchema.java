package io.itinera.runtime.io;

import io.itinera.runtime.plan.EventType;
import io.itinera.runtime.plan.FieldDecl;
import io.itinera.runtime.plan.JourneyPlan;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The events a workspace reads: every event any journey declares, with the union of their fields (the log is read once for all). */
public final class WorkspaceSchema {
	private WorkspaceSchema() {
	}

	/** @throws IllegalArgumentException when two journeys give one field different types (the message names both places) */
	public static EventSchema of(Collection<JourneyPlan> plans) {
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
								+ earlier.location() + "; journeys of a workspace read one log, so declare it alike in both.");
					}
				}
			}
		}
		List<EventType> events = new ArrayList<>();
		fields.forEach((name, declared) -> events.add(new EventType(name, List.copyOf(declared.values()), first.get(name).location())));
		return new EventSchema(events);
	}
}
