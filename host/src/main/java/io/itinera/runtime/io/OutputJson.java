package io.itinera.runtime.io;

import io.itinera.runtime.delivery.DeliveryOutcome;
import io.itinera.runtime.step.ActionRecord;
import io.itinera.runtime.step.DeliveryNotice;
import io.itinera.runtime.step.StageChange;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON Lines form of actions, stage changes, delivery notices and dead letters: stable key
 * order, ISO times. Written field by field into UTF-8 bytes ({@link JsonObjectText}, as Jackson's
 * generator would; the output files take the bytes, other hosts the text): a run writes a line for
 * every action and every message not sent, so this is on its hot path.
 */
public final class OutputJson {
	private OutputJson() {
	}

	public static String action(ActionRecord action) {
		return action(new JsonObjectText(), action).toString();
	}

	/** Writes the action into {@code json}, a fresh or {@link JsonObjectText#reset() reset} object. */
	static JsonObjectText action(JsonObjectText object, ActionRecord action) {
		JsonObjectText json = object
				.string("id", action.id())
				.string("customer", action.customerId())
				.time("time", action.at())
				.string("campaign", action.campaign())
				.string("rule", action.rule())
				.string("kind", action.kind())
				.string("channel", action.channel())
				.string("target", action.target())
				.startObject("params");
		for (Map.Entry<String, String> param : sorted(action.params()).entrySet()) {
			json.string(param.getKey(), param.getValue());
		}
		json.endObject().startObject("scores");
		for (Map.Entry<String, Double> score : sorted(action.scores()).entrySet()) {
			json.number(score.getKey(), score.getValue());
		}
		json.endObject();
		writeIfSet(json, "journey", action.journey());
		writeIfSet(json, "version", action.version());
		return json;
	}

	public static String stageChange(StageChange change) {
		return stageChange(new JsonObjectText(), change).toString();
	}

	static JsonObjectText stageChange(JsonObjectText object, StageChange change) {
		JsonObjectText json = object
				.string("customer", change.customerId())
				.time("time", change.at())
				.string("from", change.from())
				.string("to", change.to())
				.string("cause", change.cause());
		writeIfSet(json, "journey", change.journey());
		writeIfSet(json, "version", change.version());
		return json;
	}

	/**
	 * A message not simply sent, with why: {@code outcome} (SUPPRESSED_BY_CAP, HELD_BY_QUIET_HOURS,
	 * RELEASED, DROPPED_STAGE_LEFT, LOST_TO_PRIORITY, HELD_BY_PRIORITY), {@code cap} and {@code capCount},
	 * {@code releaseAt} when held, {@code lostTo} {journey, rule}; for NOT_SUBSCRIBED {@code topic},
	 * {@code consentWithdrawnAt} (absent when an opt-in topic was never subscribed) and {@code consentWithdrawnHow}.
	 */
	public static String notice(DeliveryNotice notice) {
		return notice(new JsonObjectText(), notice).toString();
	}

	static JsonObjectText notice(JsonObjectText object, DeliveryNotice notice) {
		JsonObjectText json = object
				.string("action", notice.actionId())
				.string("customer", notice.customerId())
				.time("time", notice.at())
				.string("campaign", notice.campaign())
				.string("rule", notice.rule())
				.string("channel", notice.channel())
				.string("target", notice.target())
				.string("outcome", notice.outcome().name());
		if (notice.outcome() == DeliveryOutcome.HELD_BY_QUIET_HOURS || notice.outcome() == DeliveryOutcome.HELD_FOR_BEST_HOUR
				|| notice.outcome() == DeliveryOutcome.HELD_BY_PRIORITY) {
			json.time("releaseAt", notice.releaseAt());
		}
		if (notice.cap() != null) {
			json.string("cap", notice.cap()).number("capCount", notice.capCount());
		}
		if (notice.lostToJourney() != null) {
			json.startObject("lostTo")
					.string("journey", notice.lostToJourney())
					.string("rule", notice.lostToRule())
					.endObject();
		}
		if (notice.notSubscribed() != null) {
			json.string("topic", notice.notSubscribed().topic());
			if (notice.notSubscribed().at() != 0) {
				json.time("consentWithdrawnAt", notice.notSubscribed().at());
			}
			json.string("consentWithdrawnHow", notice.notSubscribed().how());
		}
		// only in a workspace run: a journey running alone writes what it always wrote
		writeIfSet(json, "journey", notice.journey());
		return json;
	}

	private static void writeIfSet(JsonObjectText json, String field, String value) {
		if (value != null) {
			json.string(field, value);
		}
	}

	public static String deadLetter(DeadLetter letter) {
		return deadLetter(new JsonObjectText(), letter).toString();
	}

	static JsonObjectText deadLetter(JsonObjectText object, DeadLetter letter) {
		return object
				.number("line", letter.line())
				.string("reason", letter.reason())
				.string("raw", letter.raw());
	}

	private static <V> Map<String, V> sorted(Map<String, V> map) {
		if (map == null || map.isEmpty()) {
			return Map.of();
		}
		return map.size() == 1 ? map : new TreeMap<>(map);
	}
}
