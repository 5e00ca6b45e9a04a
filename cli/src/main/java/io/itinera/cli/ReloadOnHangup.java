package io.itinera.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.itinera.serve.LiveServer;
import io.itinera.serve.http.ReloadHandler;
import java.io.PrintWriter;

/**
 * SIGHUP to {@code itinera serve}: reload the journey from disk, as {@code POST
 * /v1/admin/journeys/reload} with the mode the server was started with ({@code --migrate},
 * {@code --pin-old}), else only a dry run; the answer goes to the server's output.
 */
final class ReloadOnHangup {
	private static final ObjectMapper JSON = new ObjectMapper();

	private ReloadOnHangup() {
	}

	static void install(LiveServer server, ReloadHandler.Mode mode, PrintWriter out) {
		try {
			sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> {
				Thread reload = new Thread(() -> {
					ReloadHandler.Answer answer = server.reload(mode);
					synchronized (out) {
						out.println("Reload on SIGHUP (" + (mode == null ? "dry run: start with --migrate or --pin-old to apply"
								: mode.name().toLowerCase().replace('_', '-')) + "): " + text(answer));
						out.flush();
					}
				}, "itinera-reload");
				reload.start();
			});
		} catch (IllegalArgumentException | UnsupportedOperationException noHangup) {
			// no SIGHUP on this system (Windows): reload over HTTP
		}
	}

	private static String text(ReloadHandler.Answer answer) {
		try {
			return answer.status() + " " + JSON.writeValueAsString(answer.body());
		} catch (JsonProcessingException e) {
			return String.valueOf(answer.status());
		}
	}
}
