package io.itinera.serve.consent;

import com.fasterxml.jackson.databind.JsonNode;
import io.itinera.runtime.plan.Topic;
import io.itinera.runtime.step.ActionRecord;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The one-click unsubscribe link of a send ({@code ${unsubscribeUrl}} in a delivery body, and the
 * RFC 8058 headers {@code List-Unsubscribe: <URL>} and {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click}):
 * {@code BASE/u/TOKEN}, the token signed for the send's customer, topic and channel, good for
 * {@code validDays} after the send was decided (so a retried delivery carries the same link).
 * A transactional send gets none; a send without a topic unsubscribes from its channel's topics.
 * Configured in the delivery file:
 * <pre>
 * unsubscribe:
 *   baseUrl: https://itinera.example.com     # where serve is reached from the customers' mail clients
 *   secret: "…at least 32 bytes…"             # or secretEnv: NAME of an environment variable
 *   validDays: 90
 * </pre>
 */
public final class UnsubscribeLinks {
	public static final String PATH = "/u/";
	public static final String ONE_CLICK = "List-Unsubscribe=One-Click";
	public static final String ACTION = "unsubscribe";

	private final String baseUrl;
	private final UnsubscribeTokens tokens;
	private final long validSeconds;
	/** The topics of the journeys running now: a reload replaces them. */
	private volatile ActionTopics topics;

	public UnsubscribeLinks(String baseUrl, UnsubscribeTokens tokens, long validDays, ActionTopics topics) {
		this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
		this.tokens = tokens;
		this.validSeconds = validDays * 86_400L;
		this.topics = topics;
	}

	/** The settings of a delivery file's {@code unsubscribe} section; null when it has none. */
	public static UnsubscribeLinks fromConfig(JsonNode section, String where, ActionTopics topics) {
		if (section == null || section.isMissingNode() || section.isNull()) {
			return null;
		}
		String base = section.path("baseUrl").asText(null);
		if (base == null || !(base.startsWith("http://") || base.startsWith("https://"))) {
			throw new IllegalArgumentException(where + ": unsubscribe.baseUrl: give the http(s) address customers reach serve at");
		}
		String secret = section.path("secret").asText(null);
		String env = section.path("secretEnv").asText(null);
		if (secret == null && env != null) {
			secret = System.getenv(env);
			if (secret == null) {
				throw new IllegalArgumentException(where + ": unsubscribe.secretEnv names " + env + ", which is not set");
			}
		}
		if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < UnsubscribeTokens.MIN_SECRET_BYTES) {
			throw new IllegalArgumentException(where + ": unsubscribe.secret (or secretEnv): give a secret of at least "
					+ UnsubscribeTokens.MIN_SECRET_BYTES + " bytes (e.g. openssl rand -base64 48)");
		}
		long days = section.path("validDays").asLong(90);
		if (days < 1) {
			throw new IllegalArgumentException(where + ": unsubscribe.validDays: give a whole number of at least 1");
		}
		return new UnsubscribeLinks(base, new UnsubscribeTokens(secret.getBytes(StandardCharsets.UTF_8)), days, topics);
	}

	public UnsubscribeTokens tokens() {
		return tokens;
	}

	public ActionTopics topics() {
		return topics;
	}

	/** Names sends' topics as {@code running} declares them, from now on (the server started or reloaded its journeys). */
	public void follow(ActionTopics running) {
		this.topics = running;
	}

	/** The link for a send; empty for anything else and for transactional sends. */
	public String url(ActionRecord action) {
		if (!"send".equals(action.kind()) || action.channel() == null) {
			return "";
		}
		Topic topic = topics.of(action);
		if (topic != null && topic.kind() == Topic.Kind.TRANSACTIONAL) {
			return "";
		}
		String channel = action.channel().toLowerCase(Locale.ROOT);
		long expires = Math.floorDiv(action.at(), 1000) + validSeconds;
		return baseUrl + PATH + tokens.sign(new UnsubscribeTokens.Claim(action.customerId(), topic == null ? "" : topic.name(),
				channel, ACTION, expires));
	}
}
