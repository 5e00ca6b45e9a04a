package io.itinera.serve.http;

import io.javalin.http.Context;
import java.util.Map;
import java.util.function.Function;

/** {@code GET /v1/customers/{id}/explain}: the customer's timeline, as {@code itinera explain --json} gives it. */
public final class ExplainHandler {
	public static final String PATH = "/v1/customers/{id}/explain";

	private final Function<String, Map<String, Object>> explain;

	/** @param explain a customer's timeline, or null when no event of theirs is in the input log */
	public ExplainHandler(Function<String, Map<String, Object>> explain) {
		this.explain = explain;
	}

	public void register(HttpApi api) {
		api.get(PATH, this::handle);
	}

	private void handle(Context ctx) {
		String customer = ctx.pathParam("id");
		Map<String, Object> timeline = explain.apply(customer);
		if (timeline == null) {
			HttpApi.json(ctx, 404, Map.of("error", "no event of customer '" + customer + "' is in the input log"));
			return;
		}
		HttpApi.json(ctx, 200, timeline);
	}
}
