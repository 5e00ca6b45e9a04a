package io.itinera.serve.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.itinera.runtime.io.OutputJson;
import io.itinera.runtime.step.ActionRecord;
import io.itinera.serve.consent.UnsubscribeLinks;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a channel's JSON body template with an action's values; with unsubscribe links, also
 * {@code ${unsubscribeUrl}}, {@code ${listUnsubscribe}} ({@code <URL>}, the List-Unsubscribe header's value) and
 * {@code ${listUnsubscribePost}} ({@code List-Unsubscribe=One-Click}, RFC 8058), all empty for a transactional send.
 */
final class BodyTemplate {
	private static final ObjectMapper JSON = new ObjectMapper();
	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_.0-9-]+)}");

	private BodyTemplate() {
	}

	static String render(JsonNode template, ActionRecord action) {
		return render(template, action, null);
	}

	/** {@code links}: null when the server gives none. */
	static String render(JsonNode template, ActionRecord action, UnsubscribeLinks links) {
		if (template == null) {
			return OutputJson.action(action);
		}
		String url = links == null ? "" : links.url(action);
		return fill(template, action, url).toString();
	}

	private static JsonNode fill(JsonNode node, ActionRecord action, String url) {
		if (node.isTextual()) {
			return new TextNode(substitute(node.asText(), action, url));
		}
		if (node.isObject()) {
			ObjectNode copy = JSON.createObjectNode();
			for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
				Map.Entry<String, JsonNode> field = it.next();
				copy.set(field.getKey(), fill(field.getValue(), action, url));
			}
			return copy;
		}
		if (node.isArray()) {
			ArrayNode copy = JSON.createArrayNode();
			node.forEach(element -> copy.add(fill(element, action, url)));
			return copy;
		}
		return node;
	}

	private static String substitute(String text, ActionRecord action, String url) {
		Matcher matcher = PLACEHOLDER.matcher(text);
		StringBuilder out = new StringBuilder();
		while (matcher.find()) {
			matcher.appendReplacement(out, Matcher.quoteReplacement(value(matcher.group(1), action, url)));
		}
		matcher.appendTail(out);
		return out.toString();
	}

	private static String value(String name, ActionRecord action, String url) {
		return switch (name) {
			case "unsubscribeUrl" -> url;
			case "listUnsubscribe" -> url.isEmpty() ? "" : "<" + url + ">";
			case "listUnsubscribePost" -> url.isEmpty() ? "" : UnsubscribeLinks.ONE_CLICK;
			case "id" -> action.id();
			case "customer" -> action.customerId();
			case "time" -> Instant.ofEpochMilli(action.at()).toString();
			case "timeMillis" -> Long.toString(action.at());
			case "campaign" -> action.campaign();
			case "rule" -> action.rule();
			case "kind" -> action.kind();
			case "channel" -> String.valueOf(action.channel());
			case "target" -> String.valueOf(action.target());
			default -> name.startsWith("params.") && action.params() != null
					? String.valueOf(action.params().getOrDefault(name.substring("params.".length()), ""))
					: "";
		};
	}
}
