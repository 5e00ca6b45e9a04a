package io.itinera.serve.http;

import io.javalin.http.Context;
import java.util.Locale;
import java.util.Map;

/**
 * {@code POST /v1/admin/journeys/reload[?mode=migrate|pin-old]}: without a mode, what reloading the
 * journey from disk would do (a dry run); with one, the reload itself. Same token rules as the API.
 */
public final class ReloadHandler {
	public static final String PATH = "/v1/admin/journeys/reload";

	/** What the reload answers: its HTTP status and JSON body. */
	public record Answer(int status, Map<String, Object> body) {
	}

	/** How the customers of the state take a changed journey. */
	public enum Mode {
		MIGRATE, PIN_OLD
	}

	/** Reloads the journey; a null mode only answers what it would do. */
	@FunctionalInterface
	public interface Reloads {
		Answer reload(Mode mode);
	}

	private final Reloads reloads;

	public ReloadHandler(Reloads reloads) {
		this.reloads = reloads;
	}

	public void register(HttpApi api) {
		api.post(PATH, this::handle);
	}

	private void handle(Context ctx) {
		String given = ctx.queryParam("mode");
		Mode mode;
		try {
			mode = mode(given);
		} catch (IllegalArgumentException e) {
			HttpApi.json(ctx, 400, Map.of("error", e.getMessage()));
			return;
		}
		Answer answer = reloads.reload(mode);
		HttpApi.json(ctx, answer.status(), answer.body());
	}

	/** {@code migrate}, {@code pin-old}, or none (a dry run). */
	public static Mode mode(String given) {
		if (given == null || given.isBlank()) {
			return null;
		}
		return switch (given.trim().toLowerCase(Locale.ROOT)) {
			case "migrate" -> Mode.MIGRATE;
			case "pin-old" -> Mode.PIN_OLD;
			default -> throw new IllegalArgumentException("unknown mode '" + given + "': give mode=migrate or mode=pin-old,"
					+ " or no mode for a dry run");
		};
	}
}
