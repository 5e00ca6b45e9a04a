package io.itinera.runtime.erasure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.Set;

/**
 * Whether a line of an output file (JSON Lines) is about one of the erased customers: some string
 * value, at any depth, is their id; or a string value that holds a line as read (a dead letter's
 * {@code raw}: JSON, or CSV cells) has their id as a value or a cell.
 */
public final class CustomerLines {
	private static final ObjectMapper JSON = new ObjectMapper();
	private final Set<String> customerIds;

	public CustomerLines(Set<String> customerIds) {
		this.customerIds = Set.copyOf(customerIds);
	}

	public boolean mentions(String line) {
		if (line.isBlank()) {
			return false;
		}
		try {
			return mentions(JSON.readTree(line), 0);
		} catch (JsonProcessingException e) {
			return mentionsAsText(line, 0);
		}
	}

	private boolean mentions(JsonNode node, int depth) {
		if (node == null) {
			return false;
		}
		if (node.isTextual()) {
			return mentionsAsText(node.asText(), depth);
		}
		if (node.isNumber() || node.isBoolean()) {
			return customerIds.contains(node.asText());
		}
		if (node.isObject() || node.isArray()) {
			for (Iterator<JsonNode> it = node.elements(); it.hasNext();) {
				if (mentions(it.next(), depth)) {
					return true;
				}
			}
		}
		return false;
	}

	/** A text value: the id itself, a line of JSON holding it, or CSV cells one of which is it. */
	private boolean mentionsAsText(String text, int depth) {
		String trimmed = text.trim();
		if (customerIds.contains(trimmed)) {
			return true;
		}
		if (depth < 2 && (trimmed.startsWith("{") || trimmed.startsWith("["))) {
			try {
				return mentions(JSON.readTree(trimmed), depth + 1);
			} catch (JsonProcessingException e) {
				// not JSON after all: try it as cells
			}
		}
		if (trimmed.indexOf(',') >= 0 || trimmed.indexOf(';') >= 0 || trimmed.indexOf('\t') >= 0) {
			for (String cell : trimmed.split("[,;\t]")) {
				String value = cell.trim();
				if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
					value = value.substring(1, value.length() - 1);
				}
				if (customerIds.contains(value)) {
					return true;
				}
			}
		}
		return false;
	}
}
