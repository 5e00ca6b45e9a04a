package io.itinera.serve.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.itinera.runtime.io.OutputJson;
import io.itinera.runtime.step.ActionRecord;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/** The delivery dead letters: each action given up on, with its last error and the number of tries. */
final class DeadDeliveries implements AutoCloseable {
	private static final ObjectMapper JSON = new ObjectMapper();
	private final BufferedWriter out;

	DeadDeliveries(Path file) throws IOException {
		out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
	}

	synchronized void write(ActionRecord action, int attempts, String error) {
		try {
			ObjectNode node = JSON.createObjectNode();
			node.put("gaveUpAt", Instant.now().toString());
			node.put("attempts", attempts);
			node.put("error", error);
			node.set("action", JSON.readTree(OutputJson.action(action)));
			out.write(node.toString());
			out.newLine();
			out.flush();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@Override
	public synchronized void close() throws IOException {
		out.close();
	}
}
