package io.itinera.serve.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.itinera.runtime.io.DeadLetter;
import io.itinera.serve.intake.BadBatchException;
import io.itinera.serve.intake.EventIntake;
import io.itinera.serve.intake.IntakeResult;
import io.itinera.serve.metrics.ServeMetrics;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The HTTP API on Javalin: {@code POST /v1/events}, {@code GET /v1/customers/{id}}, {@code GET /health},
 * {@code GET /metrics}. Every error is a JSON object with a reason that says what to fix; never a stack trace.
 */
public final class HttpApi implements AutoCloseable {
	private static final ObjectMapper JSON = new ObjectMapper();
	private static final int ERRORS_SHOWN = 100;

	/** @param token required as {@code Authorization: Bearer <token>} on every path but /health; null: none */
	public record Settings(String host, int port, String token, int maxBodyBytes) {
	}

	private static final String ENDPOINTS = "the API has POST /v1/events, GET and DELETE /v1/customers/{id}, GET /health, GET /metrics";

	private final Javalin app;
	private final Settings settings;
	private final EventIntake intake;
	private final CustomerReader customers;
	private final ServeMetrics metrics;
	private final Supplier<Map<String, Object>> health;
	private CustomerEraser eraser;

	public HttpApi(Settings settings, EventIntake intake, CustomerReader customers, ServeMetrics metrics,
			Supplier<Map<String, Object>> health) {
		this.settings = settings;
		this.intake = intake;
		this.customers = customers;
		this.metrics = metrics;
		this.health = health;
		this.app = Javalin.create(config -> {
			config.showJavalinBanner = false;
			config.startupWatcherEnabled = false;
			config.http.maxRequestSize = settings.maxBodyBytes();
			config.http.prefer405over404 = true; // a path of the API with the wrong method says so, not "no such path"
		});
		app.before(this::authorize);
		app.post("/v1/events", this::postEvents);
		app.get("/v1/customers/{id}", this::getCustomer);
		app.get("/health", ctx -> json(ctx, 200, health.get()));
		app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
		app.error(404, ctx -> {
			if (ctx.result() == null || !ctx.result().startsWith("{")) {
				error(ctx, 404, "no such path: " + ctx.method() + " " + ctx.path() + "; " + ENDPOINTS);
			}
		});
		app.error(405, ctx -> error(ctx, 405, ctx.method() + " is not allowed on " + ctx.path() + "; " + ENDPOINTS));
		app.exception(Exception.class, (e, ctx) -> error(ctx, 500, "the server failed on this request ("
				+ e.getClass().getSimpleName() + "); it is still up, and the request may be sent again"));
	}

	/** Adds routes of another part of the server (before {@link #start()}). */
	public HttpApi with(java.util.function.Consumer<Javalin> routes) {
		routes.accept(app);
		return this;
	}

	/** Adds {@code DELETE /v1/customers/{id}} (erasure); a GET of an erased customer then says so (410). Before {@link #start()}. */
	public HttpApi erasing(CustomerEraser customerEraser) {
		this.eraser = customerEraser;
		app.delete("/v1/customers/{id}", this::deleteCustomer);
		return this;
	}

	/** Adds {@code PUT /v1/customers/{id}/profile} (attributes from the shop's systems). Before {@link #start()}. */
	public HttpApi profiles(ProfileWriter writer) {
		app.put("/v1/customers/{id}/profile", ctx -> putProfile(ctx, writer));
		return this;
	}

	private void putProfile(Context ctx, ProfileWriter writer) throws Exception {
		byte[] body = readAtMost(ctx.req().getInputStream(), settings.maxBodyBytes());
		if (body == null) {
			tooLarge(ctx);
			return;
		}
		Map<String, Object> set;
		try {
			set = writer.put(ctx.pathParam("id"), body);
		} catch (IllegalArgumentException e) {
			error(ctx, 400, e.getMessage());
			return;
		} catch (IllegalStateException e) {
			error(ctx, eraser != null && eraser.erasedAt(ctx.pathParam("id")).isPresent() ? 410 : 503, e.getMessage());
			return;
		}
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("customer", ctx.pathParam("id"));
		answer.put("attributes", set);
		json(ctx, 200, answer);
	}

	/** Another endpoint, before {@link #start()}; the token rules apply to it. */
	public HttpApi post(String path, io.javalin.http.Handler handler) {
		app.post(path, handler);
		return this;
	}

	/** Another endpoint, before {@link #start()}; the token rules apply to it. */
	public HttpApi get(String path, io.javalin.http.Handler handler) {
		app.get(path, handler);
		return this;
	}

	public HttpApi start() {
		app.start(settings.host(), settings.port());
		return this;
	}

	public int port() {
		return app.port();
	}

	private void authorize(Context ctx) {
		if (settings.token() == null || ctx.path().equals("/health")
				|| ctx.path().startsWith(io.itinera.serve.consent.UnsubscribeLinks.PATH)) { // a signed link is its own authority
			return;
		}
		String given = ctx.header("Authorization");
		String expected = "Bearer " + settings.token();
		if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8))) {
			ctx.header("WWW-Authenticate", "Bearer");
			error(ctx, 401, given == null ? "missing token: send Authorization: Bearer <token> (the server's --token or ITINERA_TOKEN)"
					: "wrong token: send Authorization: Bearer <token> with the server's --token or ITINERA_TOKEN");
			ctx.skipRemainingHandlers();
		}
	}

	private void postEvents(Context ctx) throws IOException, InterruptedException {
		long started = System.nanoTime();
		String type = ctx.contentType() == null ? "" : ctx.contentType().split(";")[0].trim().toLowerCase();
		if (!List.of("application/json", "application/x-ndjson", "application/jsonl", "application/json-lines",
				"application/x-jsonlines").contains(type)) {
			error(ctx, 415, "send events as Content-Type: application/json (a JSON array) or application/x-ndjson (JSON Lines)"
					+ (type.isEmpty() ? "" : ", not " + type));
			return;
		}
		long declared = ctx.req().getContentLengthLong();
		if (declared > settings.maxBodyBytes()) {
			tooLarge(ctx);
			return;
		}
		byte[] body = readAtMost(ctx.req().getInputStream(), settings.maxBodyBytes());
		if (body == null) {
			tooLarge(ctx);
			return;
		}
		IntakeResult result;
		try {
			result = intake.accept(body);
		} catch (BadBatchException.TooLarge e) {
			error(ctx, 413, e.getMessage());
			return;
		} catch (BadBatchException e) {
			error(ctx, 400, e.getMessage());
			return;
		}
		metrics.eventsIn(result.accepted(), result.rejected().size());
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("accepted", result.accepted());
		answer.put("rejected", result.rejected().size());
		if (!result.rejected().isEmpty()) {
			List<Map<String, Object>> errors = new ArrayList<>();
			for (DeadLetter letter : result.rejected().subList(0, Math.min(ERRORS_SHOWN, result.rejected().size()))) {
				Map<String, Object> error = new LinkedHashMap<>();
				error.put("line", letter.line());
				error.put("reason", letter.reason());
				errors.add(error);
			}
			answer.put("errors", errors);
		}
		boolean noneAccepted = result.accepted() == 0;
		if (noneAccepted) {
			answer.put("error", "no event was accepted; see errors for each line's reason");
		}
		json(ctx, noneAccepted ? 400 : 200, answer);
		metrics.acknowledged(System.nanoTime() - started);
	}

	private void tooLarge(Context ctx) {
		error(ctx, 413, "the body is larger than " + settings.maxBodyBytes() + " bytes; send smaller batches");
	}

	/** The whole stream, or null when it is longer than {@code limit}. */
	private static byte[] readAtMost(InputStream in, int limit) throws IOException {
		byte[] bytes = in.readNBytes(limit + 1);
		return bytes.length > limit ? null : bytes;
	}

	private void deleteCustomer(Context ctx) throws Exception {
		String id = ctx.pathParam("id");
		long at;
		try {
			at = eraser.erase(id);
		} catch (IllegalStateException e) {
			error(ctx, 503, "the erasure is not finished: " + e.getMessage());
			return;
		}
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("erased", true);
		answer.put("at", java.time.Instant.ofEpochMilli(at).toString());
		json(ctx, 200, answer);
	}

	private void getCustomer(Context ctx) {
		java.util.OptionalLong erasedAt = eraser == null ? java.util.OptionalLong.empty() : eraser.erasedAt(ctx.pathParam("id"));
		if (erasedAt.isPresent()) {
			Map<String, Object> answer = new LinkedHashMap<>();
			answer.put("erased", true);
			answer.put("at", java.time.Instant.ofEpochMilli(erasedAt.getAsLong()).toString());
			json(ctx, 410, answer);
			return;
		}
		Map<String, Object> customer = customers.describe(ctx.pathParam("id"));
		if (customer == null) {
			error(ctx, 404, "no customer '" + ctx.pathParam("id") + "': no event of theirs was acknowledged (ids are as the events write them)");
			return;
		}
		json(ctx, 200, customer);
	}

	private static void error(Context ctx, int status, String reason) {
		json(ctx, status, Map.of("error", reason));
	}

	static void json(Context ctx, int status, Object body) {
		try {
			ctx.status(status).contentType("application/json").result(JSON.writeValueAsString(body));
		} catch (IOException e) {
			ctx.status(500).result("{\"error\":\"cannot write the answer\"}");
		}
	}

	@Override
	public void close() {
		app.stop();
	}
}
