package io.itinera.runtime.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.itinera.runtime.delivery.DeliveryOutcome;
import io.itinera.runtime.step.ActionRecord;
import io.itinera.runtime.step.DeliveryNotice;
import io.itinera.runtime.step.StageChange;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** The JSON Lines form of actions, stage changes and dead letters: stable key order, ISO times. */
public final class OutputJson {
	private static final ObjectMapper MAPPER = JsonMapper.builder()
			.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
			.build();

	private OutputJson() {
	}

	public static String action(ActionRecord action) {
		ObjectNode node = MAPPER.createObjectNode();
		node.put("id", action.id());
		node.put("customer", action.customerId());
		node.put("time", Instant.ofEpochMilli(action.at()).toString());
		node.put("campaign", action.campaign());
		node.put("rule", action.rule());
		node.put("kind", action.kind());
		node.put("channel", action.channel());
		node.put("target", action.target());
		node.set("params", MAPPER.valueToTree(sorted(action.params())));
		node.set("scores", MAPPER.valueToTree(sorted(action.scores())));
		putJourney(node, action.journey());
		if (action.version() != null) {
			node.put("version", action.version());
		}
		return write(node);
	}

	public static String stageChange(StageChange change) {
		ObjectNode node = MAPPER.createObjectNode();
		node.put("customer", change.customerId());
		node.put("time", Instant.ofEpochMilli(change.at()).toString());
		node.put("from", change.from());
		node.put("to", change.to());
		node.put("cause", change.cause());
		putJourney(node, change.journey());
		if (change.version() != null) {
			node.put("version", change.version());
		}
		return write(node);
	}

	/**
	 * A message not simply sent, with why: {@code outcome} (SUPPRESSED_BY_CAP, HELD_BY_QUIET_HOURS,
	 * RELEASED, DROPPED_STAGE_LEFT, LOST_TO_PRIORITY, HELD_BY_PRIORITY), {@code cap} and {@code capCount},
	 * {@code releaseAt} when held, {@code lostTo} {journey, rule}.
	 */
	public static String notice(DeliveryNotice notice) {
		ObjectNode node = MAPPER.createObjectNode();
		node.put("action", notice.actionId());
		node.put("customer", notice.customerId());
		node.put("time", Instant.ofEpochMilli(notice.at()).toString());
		node.put("campaign", notice.campaign());
		node.put("rule", notice.rule());
		node.put("channel", notice.channel());
		node.put("target", notice.target());
		node.put("outcome", notice.outcome().name());
		if (notice.outcome() == DeliveryOutcome.HELD_BY_QUIET_HOURS || notice.outcome() == DeliveryOutcome.HELD_BY_PRIORITY) {
			node.put("releaseAt", Instant.ofEpochMilli(notice.releaseAt()).toString());
		}
		if (notice.cap() != null) {
			node.put("cap", notice.cap());
			node.put("capCount", notice.capCount());
		}
		if (notice.lostToJourney() != null) {
			ObjectNode lostTo = node.putObject("lostTo");
			lostTo.put("journey", notice.lostToJourney());
			lostTo.put("rule", notice.lostToRule());
		}
		putJourney(node, notice.journey());
		return write(node);
	}

	/** Only in a workspace run: a journey running alone writes what it always wrote. */
	private static void putJourney(ObjectNode node, String journey) {
		if (journey != null) {
			node.put("journey", journey);
		}
	}

	public static String deadLetter(DeadLetter letter) {
		ObjectNode node = MAPPER.createObjectNode();
		node.put("line", letter.line());
		node.put("reason", letter.reason());
		node.put("raw", letter.raw());
		return write(node);
	}

	private static <V> Map<String, V> sorted(Map<String, V> map) {
		return map == null ? Map.of() : new TreeMap<>(map);
	}

	private static String write(ObjectNode node) {
		try {
			return MAPPER.writeValueAsString(node);
		} catch (JsonProcessingException e) {
			throw new IllegalStateException(e);
		}
	}
}
