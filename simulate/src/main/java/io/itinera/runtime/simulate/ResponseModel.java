package io.itinera.runtime.simulate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.itinera.runtime.step.ActionRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A simulated market's true parameters, read from a JSON file (docs/simulate.md, "A simulated
 * market"): for each message, the probability that the customer opens it, clicks given an open and
 * buys given a click, by the message's campaign (a split's arm), rule, channel, template or params
 * (an offer), scaled by an hour-of-day curve at the customer's local hour and by multipliers per
 * attribute value; and how long each answer takes. Immutable.
 */
public final class ResponseModel {
	/** The answers a message can get, in the order they happen. */
	public enum Answer {
		OPEN, CLICK, PURCHASE;

		String key() {
			return name().toLowerCase(Locale.ROOT);
		}
	}

	/**
	 * Which messages an entry answers: every given key must equal the message's (params as {@code "param.NAME"}), or
	 * the customer's attribute ({@code "attribute.NAME"}: a segment whose answers to an offer differ).
	 */
	record Response(int index, Map<String, String> match, double[] rates, double amountMin, double amountMax) {
		boolean matches(ActionRecord action, Function<String, Object> attribute) {
			for (Map.Entry<String, String> key : match.entrySet()) {
				String value = key.getKey().startsWith(ATTRIBUTE) ? attributeText(attribute.apply(key.getKey().substring(ATTRIBUTE.length())))
						: valueOf(action, key.getKey());
				if (!key.getValue().equals(value)) {
					return false;
				}
			}
			return true;
		}

		private static String attributeText(Object value) {
			return value == null ? null : String.valueOf(value);
		}

		/** A short name for the entry in the summaries: its match, as {@code campaign=A, param.coupon=SAVE10}. */
		String label() {
			StringBuilder text = new StringBuilder();
			match.forEach((k, v) -> text.append(text.length() == 0 ? "" : ", ").append(k).append('=').append(v));
			return text.length() == 0 ? "every message" : text.toString();
		}

		private static String valueOf(ActionRecord action, String key) {
			return switch (key) {
				case "campaign", "arm" -> action.campaign();
				case "rule" -> action.rule();
				case "channel" -> action.channel();
				case "template" -> action.target();
				default -> action.params() == null ? null : action.params().get(key.substring("param.".length()));
			};
		}
	}

	/** An hour-of-day curve (24 open multipliers, local hours 0..23) for the customers whose attribute has a value, or all. */
	record HourCurve(String attribute, String value, double[] factors) {
		/** The local hour with the highest open multiplier (the earliest on a tie). */
		int bestHour() {
			int best = 0;
			for (int h = 1; h < 24; h++) {
				if (factors[h] > factors[best]) {
					best = h;
				}
			}
			return best;
		}

		/** Whom the curve is for: {@code tier=night-owl}, or {@code every customer}. */
		String group() {
			return attribute == null ? "every customer" : attribute + "=" + value;
		}
	}

	/** Multiplies the answers' probabilities of the customers whose {@code attribute} equals {@code value}. */
	record Multiplier(String attribute, String value, double[] factors) {
	}

	private static final ObjectMapper JSON = new ObjectMapper();
	private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(s|m|min|h|d)");
	private static final List<String> MATCH_KEYS = List.of("campaign", "arm", "rule", "channel", "template");
	private static final String ATTRIBUTE = "attribute.";

	final long seed;
	final String[] eventTypes = new String[3];
	final String amountField;
	final ZoneId zone;
	final String zoneAttribute;
	final long[] delayMin = new long[3];
	final long[] delayMax = new long[3];
	final List<Response> responses = new ArrayList<>();
	final List<HourCurve> hours = new ArrayList<>();
	final List<Multiplier> multipliers = new ArrayList<>();

	private ResponseModel(JsonNode root, Where where) {
		seed = where.integer(root, "seed");
		JsonNode events = where.object(root, "events");
		for (Answer answer : Answer.values()) {
			JsonNode name = events.get(answer.key());
			eventTypes[answer.ordinal()] = name == null || name.isNull() ? null : where.text(events, answer.key());
		}
		amountField = root.has("amountField") ? where.text(root, "amountField") : "amount";
		zoneAttribute = root.has("zoneAttribute") ? where.text(root, "zoneAttribute") : "timezone";
		try {
			zone = root.has("zone") ? ZoneId.of(where.text(root, "zone")) : ZoneId.of("UTC");
		} catch (java.time.DateTimeException e) {
			throw where.error("zone", "is not a time zone (give one like \"Europe/Paris\" or \"UTC\")");
		}
		JsonNode delays = where.object(root, "delays");
		for (Answer answer : Answer.values()) {
			JsonNode range = delays.get(answer.key());
			if (range == null) {
				throw where.error("delays." + answer.key(), "is missing: give {\"min\": \"5m\", \"max\": \"6h\"}");
			}
			delayMin[answer.ordinal()] = where.duration(range, "delays." + answer.key() + ".min");
			delayMax[answer.ordinal()] = where.duration(range, "delays." + answer.key() + ".max");
			if (delayMax[answer.ordinal()] < delayMin[answer.ordinal()]) {
				throw where.error("delays." + answer.key(), "has max before min");
			}
		}
		JsonNode list = root.get("responses");
		if (list == null || !list.isArray() || list.isEmpty()) {
			throw where.error("responses", "is missing: give a list of {\"match\": {\"campaign\": \"A\"}, \"open\": 0.3, \"click\": 0.2, \"purchase\": 0.1}");
		}
		for (JsonNode entry : list) {
			String at = "responses[" + responses.size() + "]";
			Map<String, String> match = new LinkedHashMap<>();
			JsonNode keys = entry.get("match");
			if (keys != null) {
				for (Iterator<Map.Entry<String, JsonNode>> it = keys.fields(); it.hasNext();) {
					Map.Entry<String, JsonNode> key = it.next();
					if (!MATCH_KEYS.contains(key.getKey()) && !key.getKey().startsWith("param.") && !key.getKey().startsWith(ATTRIBUTE)) {
						throw where.error(at + ".match." + key.getKey(), "is not a message's key: use one of " + MATCH_KEYS
								+ ", param.NAME or attribute.NAME");
					}
					match.put(key.getKey(), key.getValue().asText());
				}
			}
			double[] rates = new double[3];
			for (Answer answer : Answer.values()) {
				rates[answer.ordinal()] = where.probability(entry, answer.key(), at + "." + answer.key());
			}
			double amountMin = 0;
			double amountMax = 0;
			JsonNode amount = entry.get("amount");
			if (amount != null && amount.isNumber()) {
				amountMin = amountMax = amount.asDouble();
			} else if (amount != null) {
				amountMin = where.number(amount, "min", at + ".amount.min");
				amountMax = where.number(amount, "max", at + ".amount.max");
			}
			responses.add(new Response(responses.size(), Map.copyOf(match), rates, amountMin, amountMax));
		}
		JsonNode curves = root.get("hours");
		if (curves != null) {
			for (JsonNode curve : curves) {
				String at = "hours[" + hours.size() + "]";
				JsonNode factors = curve.get("open");
				if (factors == null || !factors.isArray() || factors.size() != 24) {
					throw where.error(at + ".open", "must be 24 numbers, the open multiplier at local hours 0 to 23");
				}
				double[] values = new double[24];
				for (int h = 0; h < 24; h++) {
					values[h] = factors.get(h).asDouble();
				}
				JsonNode when = curve.get("when");
				hours.add(new HourCurve(when == null ? null : where.text(when, "attribute"), when == null ? null : where.text(when, "value"),
						values));
			}
		}
		JsonNode factors = root.get("multipliers");
		if (factors != null) {
			for (JsonNode factor : factors) {
				double[] values = new double[3];
				for (Answer answer : Answer.values()) {
					values[answer.ordinal()] = factor.has(answer.key()) ? factor.get(answer.key()).asDouble() : 1.0;
				}
				multipliers.add(new Multiplier(where.text(factor, "attribute"), where.text(factor, "value"), values));
			}
		}
	}

	/** Reads a market file; @throws IllegalArgumentException naming the file, the field and the fix */
	public static ResponseModel read(Path file) throws IOException {
		JsonNode root;
		try {
			root = JSON.readTree(Files.readString(file));
		} catch (JsonProcessingException e) {
			throw new IllegalArgumentException(file + ": line " + e.getLocation().getLineNr() + ": not JSON: "
					+ e.getOriginalMessage());
		}
		if (root == null || !root.isObject()) {
			throw new IllegalArgumentException(file + ": a market file is a JSON object (docs/simulate.md, \"A simulated market\")");
		}
		return new ResponseModel(root, new Where(file));
	}

	/** The first entry that answers the message, or null when none does (the message gets no answer). */
	Response responseTo(ActionRecord action) {
		return responseTo(action, name -> null);
	}

	/** The same, for a customer whose attributes {@code attribute} gives by name. */
	Response responseTo(ActionRecord action, Function<String, Object> attribute) {
		if (!"send".equals(action.kind())) {
			return null;
		}
		for (Response response : responses) {
			if (response.matches(action, attribute)) {
				return response;
			}
		}
		return null;
	}

	/**
	 * The true probabilities of the answers to a message: open, click given an open, purchase given a click;
	 * {@code attribute} gives the customer's attributes by name, {@code localHour} the hour the message arrives.
	 */
	double[] probabilities(Response response, Function<String, Object> attribute, int localHour) {
		double[] p = response.rates().clone();
		HourCurve curve = hourCurveOf(attribute);
		if (curve != null) {
			p[Answer.OPEN.ordinal()] *= curve.factors()[localHour];
		}
		for (Multiplier multiplier : multipliers) {
			if (multiplier.value().equals(String.valueOf(attribute.apply(multiplier.attribute())))) {
				for (int a = 0; a < 3; a++) {
					p[a] *= multiplier.factors()[a];
				}
			}
		}
		for (int a = 0; a < 3; a++) {
			p[a] = Math.max(0, Math.min(1, p[a]));
		}
		return p;
	}

	/** What a message is expected to bring under the true parameters: the chance it ends in a purchase, and its mean revenue. */
	record Expectation(double purchase, double revenue) {
		static final Expectation NOTHING = new Expectation(0, 0);
	}

	/**
	 * The expected answer to a message at a local hour: open × click × purchase, as {@link #probabilities} gives them,
	 * times the entry's mean amount; nothing when no entry answers the message.
	 */
	Expectation expected(ActionRecord action, Function<String, Object> attribute, int localHour) {
		Response response = responseTo(action, attribute);
		if (response == null) {
			return Expectation.NOTHING;
		}
		double[] p = probabilities(response, attribute, localHour);
		double purchase = p[0] * p[1] * p[2];
		return new Expectation(purchase, purchase * (response.amountMin() + response.amountMax()) / 2);
	}

	/**
	 * The hour curve that applies to the customer (the first whose {@code when} holds, as {@link #probabilities}
	 * picks it), or null when none does: then every hour is alike.
	 */
	HourCurve hourCurveOf(Function<String, Object> attribute) {
		for (HourCurve curve : hours) {
			if (curve.attribute() == null || curve.value().equals(String.valueOf(attribute.apply(curve.attribute())))) {
				return curve;
			}
		}
		return null;
	}

	/** Reads fields, and words errors as "FILE: FIELD is …". */
	private record Where(Path file) {
		IllegalArgumentException error(String field, String what) {
			return new IllegalArgumentException(file + ": " + field + " " + what + " (docs/simulate.md, \"A simulated market\")");
		}

		JsonNode object(JsonNode node, String field) {
			JsonNode value = node.get(field);
			if (value == null || !value.isObject()) {
				throw error(field, "is missing or not an object");
			}
			return value;
		}

		String text(JsonNode node, String field) {
			JsonNode value = node.get(field);
			if (value == null || !value.isTextual() || value.asText().isBlank()) {
				throw error(field, "is missing or not a text");
			}
			return value.asText();
		}

		long integer(JsonNode node, String field) {
			JsonNode value = node.get(field);
			if (value == null || !value.canConvertToLong()) {
				throw error(field, "is missing or not a whole number");
			}
			return value.asLong();
		}

		double number(JsonNode node, String field, String path) {
			JsonNode value = node.get(field);
			if (value == null || !value.isNumber()) {
				throw error(path, "is missing or not a number");
			}
			return value.asDouble();
		}

		double probability(JsonNode node, String field, String path) {
			double p = number(node, field, path);
			if (p < 0 || p > 1) {
				throw error(path, "is " + p + ", not a probability between 0 and 1");
			}
			return p;
		}

		long duration(JsonNode node, String path) {
			String field = path.substring(path.lastIndexOf('.') + 1);
			JsonNode value = node.get(field);
			Matcher m = value == null ? null : DURATION.matcher(value.asText().trim());
			if (m == null || !m.matches()) {
				throw error(path, "is not a duration like \"30s\", \"5m\", \"6h\" or \"3d\"");
			}
			long n = Long.parseLong(m.group(1));
			return switch (m.group(2)) {
				case "s" -> n * 1000;
				case "m", "min" -> n * 60_000;
				case "h" -> n * 3_600_000;
				default -> n * 86_400_000;
			};
		}
	}
}
