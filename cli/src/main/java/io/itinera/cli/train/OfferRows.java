package io.itinera.cli.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.step.Event;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The rows an offer-value model learns from: for each offer a customer got (a send in a run's {@code actions.jsonl}
 * whose param names the offer, or an offer event of the log with the offer in a field), the model's inputs at that
 * moment (the journey's features, replayed over the customer's events up to it) and what followed: the sum of the
 * outcome events' value (or their count) after it, within the window and before the customer's next offer.
 */
final class OfferRows {
	private static final ObjectMapper JSON = new ObjectMapper();

	/** An offer made to a customer. */
	record Offer(String customerId, long at, String offer) {
	}

	/** One training row: the offer's index among the listed offers, the raw inputs, the outcome. */
	record Row(int offer, float[] inputs, double outcome) {
	}

	/** Where the offers are and what counts as the outcome. */
	record Spec(String offerField, String offerEvent, String outcomeEvent, String valueField, long withinMillis) {
	}

	private OfferRows() {
	}

	/** The sends of an actions file (as {@code run} and {@code simulate} write it) whose {@code param} is set. */
	static List<Offer> fromActions(Path actions, String param) throws IOException {
		List<Offer> offers = new ArrayList<>();
		try (Stream<String> lines = Files.lines(actions)) {
			lines.filter(line -> !line.isBlank()).forEach(line -> {
				try {
					JsonNode action = JSON.readTree(line);
					JsonNode value = action.path("params").get(param);
					if ("send".equals(action.path("kind").asText()) && value != null && !value.asText().isEmpty()) {
						offers.add(new Offer(action.path("customer").asText(), Instant.parse(action.path("time").asText()).toEpochMilli(),
								value.asText()));
					}
				} catch (IOException e) {
					throw new UncheckedIOException(actions + ": not an actions file (one JSON action per line): " + e.getMessage(), e);
				}
			});
		}
		return offers;
	}

	/** The log's offer events: events of type {@code offerEvent} with the offer in {@code offerField}. */
	static List<Offer> fromEvents(Map<String, List<Event>> byCustomer, String offerEvent, String offerField) {
		List<Offer> offers = new ArrayList<>();
		byCustomer.forEach((customer, events) -> {
			for (Event event : events) {
				Object offer = event.fields().get(offerField);
				if (event.type().equals(offerEvent) && offer != null && !offer.toString().isEmpty()) {
					offers.add(new Offer(customer, event.at(), offer.toString()));
				}
			}
		});
		return offers;
	}

	/** A row per offer of {@code listed} (others are left out), in the order of customers, then time. */
	static List<Row> rows(JourneyPlan plan, List<String> inputs, Map<String, List<Event>> byCustomer, List<Offer> offers,
			List<String> listed, Spec spec) {
		int[] indexes = FeatureReplay.inputIndexes(plan, "offers", inputs);
		Map<String, List<Offer>> offersByCustomer = new HashMap<>();
		for (Offer offer : offers) {
			if (listed.contains(offer.offer())) {
				offersByCustomer.computeIfAbsent(offer.customerId(), c -> new ArrayList<>()).add(offer);
			}
		}
		List<Row> rows = new ArrayList<>();
		List<String> customers = new ArrayList<>(offersByCustomer.keySet());
		customers.sort(Comparator.naturalOrder());
		for (String customer : customers) {
			List<Offer> own = offersByCustomer.get(customer);
			own.sort(Comparator.comparingLong(Offer::at).thenComparing(Offer::offer));
			List<Event> events = byCustomer.getOrDefault(customer, List.of());
			FeatureReplay replay = new FeatureReplay(FeatureReplay.definitions(plan));
			int next = 0;
			for (int o = 0; o < own.size(); o++) {
				Offer offer = own.get(o);
				while (next < events.size() && events.get(next).at() <= offer.at()) {
					replay.update(events.get(next++));
				}
				long end = offer.at() + spec.withinMillis();
				if (o + 1 < own.size()) {
					end = Math.min(end, own.get(o + 1).at());
				}
				double outcome = 0;
				for (int e = next; e < events.size() && events.get(e).at() <= end; e++) {
					Event event = events.get(e);
					if (event.type().equals(spec.outcomeEvent()) && event.at() > offer.at()) {
						outcome += spec.valueField() == null ? 1 : event.fields().get(spec.valueField()) instanceof Number n ? n.doubleValue() : 0;
					}
				}
				rows.add(new Row(listed.indexOf(offer.offer()), replay.values(indexes, offer.at()), outcome));
			}
		}
		return rows;
	}
}
