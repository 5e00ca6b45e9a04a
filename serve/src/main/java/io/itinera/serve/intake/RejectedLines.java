package io.itinera.serve.intake;

import io.itinera.runtime.io.DeadLetter;
import io.itinera.runtime.io.OutputJson;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;

/** The dead letters of the API: every refused event with its reason, its place in the request, and when. */
public final class RejectedLines implements AutoCloseable {
	private final BufferedWriter out;

	public RejectedLines(Path file) throws IOException {
		out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
	}

	public synchronized void write(List<DeadLetter> letters) throws IOException {
		String now = Instant.now().toString();
		for (DeadLetter letter : letters) {
			String json = OutputJson.deadLetter(letter);
			out.write("{\"received\":\"" + now + "\"," + json.substring(1));
			out.newLine();
		}
		out.flush();
	}

	@Override
	public synchronized void close() throws IOException {
		out.close();
	}
}
