package io.itinera.cli.train;

import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.step.Event;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One row per customer: the named features as the runtime would pass them to a model at
 * {@code asOf} (events after it left out), computed with the runtime's own feature code.
 */
record CustomerTable(List<String> customers, List<String> columns, float[][] rows, long asOf) {

	/**
	 * The moment of --as-of: a date (its start, UTC) or an instant; without one, the log's end.
	 *
	 * @throws IllegalArgumentException naming --as-of and what to give, where the text is neither
	 */
	static long asOf(String text, Map<String, List<Event>> byCustomer) {
		if (text == null) {
			return end(byCustomer);
		}
		String trimmed = text.trim();
		try {
			return trimmed.length() == 10 ? LocalDate.parse(trimmed).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli()
					: Instant.parse(trimmed).toEpochMilli();
		} catch (DateTimeParseException e) {
			throw new IllegalArgumentException("--as-of " + text + ": give a date (2011-07-31) or an instant (2011-07-31T12:00:00Z).");
		}
	}

	/** The latest event time of the history (the log's end), or 0 for an empty one. */
	static long end(Map<String, List<Event>> byCustomer) {
		return byCustomer.values().stream().flatMap(List::stream).mapToLong(Event::at).max().orElse(0);
	}

	/** Customers with at least one event at or before {@code asOf}, in the order the log first named them. */
	static CustomerTable of(JourneyPlan plan, String user, List<String> features, Map<String, List<Event>> byCustomer,
			long asOf) {
		int[] indexes = FeatureReplay.inputIndexes(plan, user, features);
		var definitions = FeatureReplay.definitions(plan);
		List<String> customers = new ArrayList<>();
		List<float[]> rows = new ArrayList<>();
		byCustomer.forEach((customer, events) -> {
			FeatureReplay replay = new FeatureReplay(definitions);
			boolean seen = false;
			for (Event event : events) {
				if (event.at() > asOf) {
					break;
				}
				replay.update(event);
				seen = true;
			}
			if (seen) {
				customers.add(customer);
				rows.add(replay.values(indexes, asOf));
			}
		});
		return new CustomerTable(List.copyOf(customers), List.copyOf(features), rows.toArray(float[][]::new), asOf);
	}

	int size() {
		return rows.length;
	}

	float[] column(int index) {
		float[] values = new float[rows.length];
		for (int i = 0; i < rows.length; i++) {
			values[i] = rows[i][index];
		}
		return values;
	}
}
