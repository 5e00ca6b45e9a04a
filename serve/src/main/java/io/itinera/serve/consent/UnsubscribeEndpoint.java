package io.itinera.serve.consent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.itinera.runtime.step.ConsentPolicy;
import io.itinera.serve.intake.BadBatchException;
import io.itinera.serve.intake.EventIntake;
import io.itinera.serve.intake.IntakeResult;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;

/**
 * {@code /u/TOKEN}: {@code POST} unsubscribes at once (RFC 8058 one-click: the mail client posts
 * {@code List-Unsubscribe=One-Click}); {@code GET} shows a small page whose button posts the same. The
 * change goes into the input log as an {@code unsubscribe} event (synced before the answer, so it is
 * processed exactly once and survives a crash), and the customer's queued deliveries of the topic are
 * cancelled at once. No bearer token: the signed link is the authority. A forged, altered or expired
 * link is refused with a page that says so.
 */
public final class UnsubscribeEndpoint {
	public static final String SOURCE = "one-click link";
	private static final ObjectMapper JSON = new ObjectMapper();

	private final UnsubscribeLinks links;
	private final EventIntake intake;
	private final QueuedDeliveries delivery;
	private final Clock clock;

	public UnsubscribeEndpoint(UnsubscribeLinks links, EventIntake intake, QueuedDeliveries delivery, Clock clock) {
		this.links = links;
		this.intake = intake;
		this.delivery = delivery;
		this.clock = clock;
	}

	public void register(Javalin app) {
		app.get(UnsubscribeLinks.PATH + "{token}", this::page);
		app.post(UnsubscribeLinks.PATH + "{token}", this::unsubscribe);
	}

	private UnsubscribeTokens.Claim claim(Context ctx) {
		try {
			return links.tokens().verify(ctx.pathParam("token"), clock.instant().getEpochSecond());
		} catch (UnsubscribeTokens.InvalidToken e) {
			html(ctx, 400, "Link not valid", e.getMessage() + ".");
			return null;
		}
	}

	private void page(Context ctx) {
		UnsubscribeTokens.Claim claim = claim(ctx);
		if (claim == null) {
			return;
		}
		html(ctx, 200, "Unsubscribe", "Stop " + what(claim) + "?</p>\n<form method=\"post\"><button type=\"submit\" "
				+ "name=\"List-Unsubscribe\" value=\"One-Click\">Unsubscribe</button></form><p>");
	}

	private void unsubscribe(Context ctx) throws IOException, InterruptedException {
		UnsubscribeTokens.Claim claim = claim(ctx);
		if (claim == null) {
			return;
		}
		Instant now = clock.instant();
		ObjectNode event = JSON.createObjectNode();
		event.put("customer", claim.customer());
		event.put("type", ConsentPolicy.UNSUBSCRIBE);
		event.put("time", now.toString());
		if (!claim.topic().isEmpty()) {
			event.put(ConsentPolicy.TOPIC_FIELD, claim.topic());
		}
		event.put(ConsentPolicy.CHANNEL_FIELD, claim.channel());
		event.put(ConsentPolicy.SOURCE_FIELD, SOURCE);
		IntakeResult result;
		try {
			result = intake.accept(JSON.writeValueAsBytes(event)); // durable before we answer
		} catch (BadBatchException e) {
			result = null;
		}
		if (result == null || result.accepted() != 1) {
			String reason = result == null || result.rejected().isEmpty() ? "it could not be recorded"
					: result.rejected().get(0).reason();
			html(ctx, 500, "Not unsubscribed yet", "The server could not record this (" + escape(reason)
					+ "); please try again later.");
			return;
		}
		delivery.cancelQueued(claim.customer(), claim.topic(), claim.channel(), "unsubscribed by " + SOURCE + " at " + now
				+ (claim.topic().isEmpty() ? " (every " + claim.channel() + " topic)" : " (topic " + claim.topic() + ")"));
		html(ctx, 200, "Unsubscribed", "You will no longer receive " + what(claim) + ".");
	}

	private static String what(UnsubscribeTokens.Claim claim) {
		String channel = escape(claim.channel());
		return claim.topic().isEmpty() ? "these " + channel + " messages" : escape(claim.topic()) + " by " + channel;
	}

	private static void html(Context ctx, int status, String title, String paragraph) {
		ctx.status(status).contentType("text/html; charset=utf-8").header("Cache-Control", "no-store")
				.result(("<!doctype html>\n<html><head><meta charset=\"utf-8\"><meta name=\"robots\" content=\"noindex\">"
						+ "<title>" + title + "</title></head>\n<body><h1>" + title + "</h1><p>" + paragraph + "</p></body></html>\n")
						.getBytes(StandardCharsets.UTF_8));
	}

	static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
	}
}
