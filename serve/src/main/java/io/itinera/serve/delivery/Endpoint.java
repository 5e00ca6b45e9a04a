package io.itinera.serve.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * How one channel (or webhooks) is delivered: where to, with which body and headers, and how hard
 * to try.
 *
 * @param url the provider's endpoint; null for webhooks (each action names its own URL)
 * @param body a JSON template whose strings may name {@code ${id}}, {@code ${customer}}, {@code ${target}},
 *        {@code ${params.NAME}}…; null: the action as in actions.jsonl
 * @param maxAttempts tries before the action goes to the delivery dead letters
 * @param ratePerSecond requests started per second at most (over all of the channel's endpoints)
 * @param concurrency requests in flight at most
 */
public record Endpoint(String url, Map<String, String> headers, JsonNode body, long timeoutMillis, int maxAttempts,
		long backoffMillis, long maxBackoffMillis, int ratePerSecond, int concurrency) {
}
