package io.itinera.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.itinera.runtime.engine.LocalEngine;
import java.util.function.Supplier;
import io.itinera.runtime.erasure.ErasedCustomers;
import io.itinera.runtime.io.BadLineException;
import io.itinera.runtime.io.ColumnMapping;
import io.itinera.runtime.io.EventLineParser;
import io.itinera.runtime.io.JsonLinesEventParser;
import io.itinera.runtime.io.TimeWindow;
import io.itinera.runtime.plan.Attribute;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.profile.ProfileImport;
import io.itinera.runtime.step.CustomerSeeder;
import io.itinera.runtime.step.Event;
import io.itinera.runtime.step.PlanStep;
import io.itinera.serve.http.ProfileWriter;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code PUT /v1/customers/{id}/profile}: a JSON object of attributes, typed by the journey's
 * {@code customer { … }} declaration with the parser a profile import uses, set in the customer's state
 * by their engine worker (a customer not seen yet is created) and written with a checkpoint before the
 * answer. An erased customer is refused.
 */
final class ProfileUpdates implements ProfileWriter {
	private static final ObjectMapper JSON = new ObjectMapper();
	private static final long TIMEOUT_MILLIS = 60_000;

	private final JourneyPlan plan;
	private final PlanStep journey;
	/** The engine as it is now (a reload replaces it). */
	private final Supplier<LocalEngine> engine;
	private final ErasedCustomers erased;
	private final ThreadLocal<EventLineParser> parsers;

	ProfileUpdates(JourneyPlan plan, PlanStep journey, Supplier<LocalEngine> engine, ErasedCustomers erased) {
		this.plan = plan;
		this.journey = journey;
		this.engine = engine;
		this.erased = erased;
		ColumnMapping mapping = ColumnMapping.defaults();
		var schema = ProfileImport.schema(List.of(plan), List.of());
		this.parsers = ThreadLocal.withInitial(() -> new JsonLinesEventParser(mapping, schema, TimeWindow.startingNow()));
	}

	@Override
	public Map<String, Object> put(String customerId, byte[] body) throws InterruptedException {
		if (erased.contains(customerId)) {
			throw new IllegalStateException("customer " + customerId + " was erased: a profile cannot bring them back (docs/erasure.md)");
		}
		JsonNode attributes;
		try {
			attributes = JSON.readTree(body);
		} catch (IOException e) {
			throw new IllegalArgumentException("the body is not JSON: send an object of attributes, e.g. {\"tier\": \"gold\"}");
		}
		if (attributes == null || !attributes.isObject() || attributes.isEmpty()) {
			throw new IllegalArgumentException("send an object of attributes, e.g. {\"tier\": \"gold\"}");
		}
		List<String> declared = plan.attributes().stream().map(Attribute::name).toList();
		for (var names = attributes.fieldNames(); names.hasNext();) {
			String name = names.next();
			if (!declared.contains(name)) {
				throw new IllegalArgumentException("no customer attribute '" + name + "': journey " + plan.name() + " declares "
						+ (declared.isEmpty() ? "none" : String.join(", ", declared)));
			}
		}
		ObjectNode line = ((ObjectNode) attributes).deepCopy();
		line.put("customer", customerId).put("time", Instant.now().toString()).put("type", ProfileImport.EVENT);
		Event profile;
		try {
			profile = parsers.get().parse(JSON.writeValueAsString(line));
		} catch (BadLineException e) {
			throw new IllegalArgumentException(e.getMessage());
		} catch (IOException e) {
			throw new IllegalArgumentException("the attributes cannot be read: " + e.getMessage());
		}
		Map<String, Object> typed = profile.fields().entrySet().stream().filter(e -> declared.contains(e.getKey()))
				.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
		engine.get().update(customerId, state -> typed.forEach((name, value) -> new CustomerSeeder(journey).setAttribute(state, name, value)), TIMEOUT_MILLIS);
		return typed;
	}
}
