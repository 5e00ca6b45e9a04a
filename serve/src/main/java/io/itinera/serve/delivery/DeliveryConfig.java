package io.itinera.serve.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The delivery file ({@code --deliver FILE}, JSON or YAML): an endpoint per channel under
 * {@code channels}, and the settings for webhooks under {@code webhook}.
 *
 * <pre>
 * channels:
 *   email:
 *     url: https://mail.example.com/v1/send
 *     headers: { Authorization: "Bearer …" }
 *     body: { to: "${customer}", template: "${target}", coupon: "${params.coupon}" }
 *     timeoutMs: 2000
 *     maxAttempts: 8
 *     ratePerSecond: 200
 *     concurrency: 16
 * webhook:
 *   timeoutMs: 2000
 * unsubscribe:                  # one-click unsubscribe links (UnsubscribeLinks): ${unsubscribeUrl} in a body
 *   baseUrl: https://itinera.example.com
 *   secretEnv: ITINERA_UNSUBSCRIBE_SECRET
 * </pre>
 * {@code unsubscribe} is kept as written (null: none) and read by the server, which knows the journeys' topics.
 */
public record DeliveryConfig(Map<String, Endpoint> channels, Endpoint webhook, long breakerOpenMillis, JsonNode unsubscribe) {
	public static final List<String> CHANNELS = List.of("email", "sms", "push", "inapp");

	/** Without unsubscribe links. */
	public DeliveryConfig(Map<String, Endpoint> channels, Endpoint webhook, long breakerOpenMillis) {
		this(channels, webhook, breakerOpenMillis, null);
	}

	public static DeliveryConfig load(Path file) throws IOException {
		if (!Files.isRegularFile(file)) {
			throw new IllegalArgumentException(file + ": no such delivery file; give a JSON or YAML file (see docs/serve.md)");
		}
		String name = file.getFileName().toString().toLowerCase();
		ObjectMapper mapper = name.endsWith(".yaml") || name.endsWith(".yml") ? new ObjectMapper(new YAMLFactory())
				: new ObjectMapper();
		JsonNode root;
		try {
			root = mapper.readTree(file.toFile());
		} catch (IOException e) {
			throw new IllegalArgumentException(file + ": not valid " + (mapper.getFactory() instanceof YAMLFactory ? "YAML" : "JSON")
					+ ": " + e.getMessage().lines().findFirst().orElse(""));
		}
		return parse(root, file.toString());
	}

	static DeliveryConfig parse(JsonNode root, String where) {
		if (root == null || !root.isObject()) {
			throw new IllegalArgumentException(where + ": the delivery file must be an object with 'channels' and/or 'webhook'");
		}
		Map<String, Endpoint> channels = new LinkedHashMap<>();
		JsonNode channelNodes = root.path("channels");
		for (Iterator<Map.Entry<String, JsonNode>> it = channelNodes.fields(); it.hasNext();) {
			Map.Entry<String, JsonNode> channel = it.next();
			if (!CHANNELS.contains(channel.getKey())) {
				throw new IllegalArgumentException(where + ": unknown channel '" + channel.getKey() + "'; channels are " + CHANNELS);
			}
			channels.put(channel.getKey(), endpoint(channel.getValue(), where + ": channels." + channel.getKey(), true));
		}
		Endpoint webhook = endpoint(root.path("webhook"), where + ": webhook", false);
		return new DeliveryConfig(channels, webhook, root.path("breakerOpenMs").asLong(2_000),
				root.has("unsubscribe") ? root.get("unsubscribe") : null);
	}

	/** Nothing configured: webhooks go to their URLs, sends are dead-lettered as having no endpoint. */
	public static DeliveryConfig webhooksOnly() {
		return parse(new ObjectMapper().createObjectNode(), "defaults");
	}

	private static Endpoint endpoint(JsonNode node, String where, boolean needsUrl) {
		String url = node.path("url").isTextual() ? node.path("url").asText() : null;
		if (needsUrl) {
			if (url == null) {
				throw new IllegalArgumentException(where + ": give the provider's endpoint as url: http(s)://…");
			}
			checkUrl(url, where);
		}
		Map<String, String> headers = new LinkedHashMap<>();
		node.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
		JsonNode body = node.has("body") ? node.get("body") : null;
		return new Endpoint(url, Map.copyOf(headers), body, positive(node, "timeoutMs", 5_000, where),
				(int) positive(node, "maxAttempts", 8, where), positive(node, "backoffMs", 200, where),
				positive(node, "maxBackoffMs", 30_000, where), (int) positive(node, "ratePerSecond", 1_000, where),
				(int) positive(node, "concurrency", 16, where));
	}

	private static long positive(JsonNode node, String field, long otherwise, String where) {
		JsonNode value = node.get(field);
		if (value == null) {
			return otherwise;
		}
		if (!value.canConvertToLong() || value.asLong() < 1) {
			throw new IllegalArgumentException(where + "." + field + ": give a whole number of at least 1, not " + value);
		}
		return value.asLong();
	}

	static void checkUrl(String url, String where) {
		try {
			URI uri = URI.create(url);
			if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
				throw new IllegalArgumentException(where + ": '" + url + "' is not an http(s) URL");
			}
		} catch (IllegalArgumentException e) {
			throw new IllegalArgumentException(where + ": '" + url + "' is not an http(s) URL");
		}
	}
}
