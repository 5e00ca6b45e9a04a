package io.itinera.runtime.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.itinera.runtime.step.ActionRecord;
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
		if (change.version() != null) {
			node.put("version", change.version());
		}
		return write(node);
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
