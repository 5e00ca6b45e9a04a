package io.itinera.runtime.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.itinera.runtime.delivery.DeliveryOutcome;
import io.itinera.runtime.step.ActionRecord;
import io.itinera.runtime.step.DeliveryNotice;
import io.itinera.runtime.step.StageChange;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON Lines form of actions, stage changes, delivery notices and dead letters: stable key
 * order, ISO times. Written field by field with a streaming generator: a run writes a line for every
 * action and every message not sent, so this is on its hot path.
 */
public final class OutputJson {
	private static final JsonFactory JSON = new JsonFactory();
	private static final Fields<ActionRecord> ACTION = OutputJson::writeAction;
	private static final Fields<StageChange> STAGE_CHANGE = OutputJson::writeStageChange;
	private static final Fields<DeliveryNotice> NOTICE = OutputJson::writeNotice;
	private static final Fields<DeadLetter> DEAD_LETTER = OutputJson::writeDeadLetter;

	private OutputJson() {
	}

	public static String action(ActionRecord action) {
		return object(action, ACTION);
	}

	private static void writeAction(JsonGenerator json, ActionRecord action) throws IOException {
		json.writeStringField("id", action.id());
		json.writeStringField("customer", action.customerId());
		json.writeStringField("time", Instant.ofEpochMilli(action.at()).toString());
		json.writeStringField("campaign", action.campaign());
		json.writeStringField("rule", action.rule());
		json.writeStringField("kind", action.kind());
		json.writeStringField("channel", action.channel());
		json.writeStringField("target", action.target());
		json.writeObjectFieldStart("params");
		for (Map.Entry<String, String> param : sorted(action.params()).entrySet()) {
			json.writeStringField(param.getKey(), param.getValue());
		}
		json.writeEndObject();
		json.writeObjectFieldStart("scores");
		for (Map.Entry<String, Double> score : sorted(action.scores()).entrySet()) {
			json.writeFieldName(score.getKey());
			if (score.getValue() == null) {
				json.writeNull();
			} else {
				json.writeNumber(score.getValue());
			}
		}
		json.writeEndObject();
		writeJourney(json, action.journey());
		writeIfSet(json, "version", action.version());
	}

	public static String stageChange(StageChange change) {
		return object(change, STAGE_CHANGE);
	}

	private static void writeStageChange(JsonGenerator json, StageChange change) throws IOException {
		json.writeStringField("customer", change.customerId());
		json.writeStringField("time", Instant.ofEpochMilli(change.at()).toString());
		json.writeStringField("from", change.from());
		json.writeStringField("to", change.to());
		json.writeStringField("cause", change.cause());
		writeJourney(json, change.journey());
		writeIfSet(json, "version", change.version());
	}

	/**
	 * A message not simply sent, with why: {@code outcome} (SUPPRESSED_BY_CAP, HELD_BY_QUIET_HOURS,
	 * RELEASED, DROPPED_STAGE_LEFT, LOST_TO_PRIORITY, HELD_BY_PRIORITY), {@code cap} and {@code capCount},
	 * {@code releaseAt} when held, {@code lostTo} {journey, rule}; for NOT_SUBSCRIBED {@code topic},
	 * {@code consentWithdrawnAt} (absent when an opt-in topic was never subscribed) and {@code consentWithdrawnHow}.
	 */
	public static String notice(DeliveryNotice notice) {
		return object(notice, NOTICE);
	}

	private static void writeNotice(JsonGenerator json, DeliveryNotice notice) throws IOException {
		json.writeStringField("action", notice.actionId());
		json.writeStringField("customer", notice.customerId());
		json.writeStringField("time", Instant.ofEpochMilli(notice.at()).toString());
		json.writeStringField("campaign", notice.campaign());
		json.writeStringField("rule", notice.rule());
		json.writeStringField("channel", notice.channel());
		json.writeStringField("target", notice.target());
		json.writeStringField("outcome", notice.outcome().name());
		if (notice.outcome() == DeliveryOutcome.HELD_BY_QUIET_HOURS || notice.outcome() == DeliveryOutcome.HELD_FOR_BEST_HOUR
				|| notice.outcome() == DeliveryOutcome.HELD_BY_PRIORITY) {
			json.writeStringField("releaseAt", Instant.ofEpochMilli(notice.releaseAt()).toString());
		}
		if (notice.cap() != null) {
			json.writeStringField("cap", notice.cap());
			json.writeNumberField("capCount", notice.capCount());
		}
		if (notice.lostToJourney() != null) {
			json.writeObjectFieldStart("lostTo");
			json.writeStringField("journey", notice.lostToJourney());
			json.writeStringField("rule", notice.lostToRule());
			json.writeEndObject();
		}
		if (notice.notSubscribed() != null) {
			json.writeStringField("topic", notice.notSubscribed().topic());
			if (notice.notSubscribed().at() != 0) {
				json.writeStringField("consentWithdrawnAt", Instant.ofEpochMilli(notice.notSubscribed().at()).toString());
			}
			json.writeStringField("consentWithdrawnHow", notice.notSubscribed().how());
		}
		writeJourney(json, notice.journey());
	}

	/** Only in a workspace run: a journey running alone writes what it always wrote. */
	private static void writeJourney(JsonGenerator json, String journey) throws IOException {
		writeIfSet(json, "journey", journey);
	}

	private static void writeIfSet(JsonGenerator json, String field, String value) throws IOException {
		if (value != null) {
			json.writeStringField(field, value);
		}
	}

	public static String deadLetter(DeadLetter letter) {
		return object(letter, DEAD_LETTER);
	}

	private static void writeDeadLetter(JsonGenerator json, DeadLetter letter) throws IOException {
		json.writeNumberField("line", letter.line());
		json.writeStringField("reason", letter.reason());
		json.writeStringField("raw", letter.raw());
	}

	private static <V> Map<String, V> sorted(Map<String, V> map) {
		return map == null ? Map.of() : new TreeMap<>(map);
	}

	/** Writes a value's fields; each is a constant, so no object is made per line written. */
	private interface Fields<T> {
		void write(JsonGenerator json, T value) throws IOException;
	}

	private static <T> String object(T value, Fields<T> fields) {
		StringWriter text = new StringWriter(256);
		try (JsonGenerator json = JSON.createGenerator(text)) {
			json.writeStartObject();
			fields.write(json, value);
			json.writeEndObject();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return text.toString();
	}
}
