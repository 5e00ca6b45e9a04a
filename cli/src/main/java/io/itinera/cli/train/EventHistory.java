package io.itinera.cli.train;

import io.itinera.runtime.io.ColumnMapping;
import io.itinera.runtime.io.EventLogSource;
import io.itinera.runtime.io.EventSchema;
import io.itinera.runtime.io.InputFormat;
import io.itinera.runtime.io.SourceRecord;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.step.Event;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An event log read with the engine's own reader (CSV or JSON Lines, typed by the journey's
 * event declarations), grouped by customer, each customer's events in time order.
 */
public record EventHistory(Map<String, List<Event>> byCustomer, long events, long unreadable) {

	public static EventHistory read(Path file, JourneyPlan plan) throws IOException {
		try (EventLogSource source = EventLogSource.open(file, InputFormat.guess(file), ColumnMapping.defaults(), null,
				',', EventSchema.of(plan))) {
			return read(source);
		}
	}

	/** Reads {@code source} to its end; lines that give no event are counted as unreadable. */
	public static EventHistory read(EventLogSource source) throws IOException {
		Map<String, List<Event>> byCustomer = new LinkedHashMap<>();
		long events = 0;
		long unreadable = 0;
		SourceRecord record;
		while ((record = source.next()) != null) {
			if (record.event() == null) {
				unreadable++;
				continue;
			}
			events++;
			byCustomer.computeIfAbsent(record.event().customerId(), id -> new ArrayList<>()).add(record.event());
		}
		byCustomer.values().forEach(list -> list.sort(Comparator.comparingLong(Event::at)));
		return new EventHistory(byCustomer, events, unreadable);
	}
}
