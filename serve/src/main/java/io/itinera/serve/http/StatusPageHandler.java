package io.itinera.serve.http;

import io.javalin.http.Context;
import java.util.function.Supplier;

/** {@code GET /}: the status page, HTML drawn on the server (no script); the token rules of the API apply. */
public final class StatusPageHandler {
	private final Supplier<String> page;

	public StatusPageHandler(Supplier<String> page) {
		this.page = page;
	}

	public void register(HttpApi api) {
		api.get("/", this::handle);
	}

	private void handle(Context ctx) {
		ctx.status(200).contentType("text/html; charset=utf-8").header("Cache-Control", "no-store").result(page.get());
	}
}
