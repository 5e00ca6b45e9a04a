package io.itinera.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A real {@code itinera serve} process on 127.0.0.1 (a free port), for tests and the load generator. */
final class ServeProcess implements AutoCloseable {
	private static final Pattern SERVING = Pattern.compile("Serving .+? on http://127\\.0\\.0\\.1:(\\d+)");
	private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5)).build();

	private final Process process;
	private final Path log;
	private final int port;

	private ServeProcess(Process process, Path log, int port) {
		this.process = process;
		this.log = log;
		this.port = port;
	}

	static ServeProcess start(Path plan, Path state, List<String> options) throws IOException, InterruptedException {
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", classPath, ItineraCommand.class.getName(), "serve", plan.toString(), "--state", state.toString(),
				"--port", "0"));
		command.addAll(options);
		Path log = Files.createTempFile("itinera-serve", ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		while (System.nanoTime() < deadline) {
			Matcher serving = SERVING.matcher(Files.readString(log));
			if (serving.find()) {
				return new ServeProcess(process, log, Integer.parseInt(serving.group(1)));
			}
			if (!process.isAlive()) {
				throw new IllegalStateException("itinera serve exited " + process.exitValue() + ":\n" + Files.readString(log));
			}
			Thread.sleep(50);
		}
		process.destroyForcibly();
		throw new IllegalStateException("itinera serve did not start within 120 s:\n" + Files.readString(log));
	}

	int port() {
		return port;
	}

	String output() throws IOException {
		return Files.readString(log);
	}

	boolean isAlive() {
		return process.isAlive();
	}

	HttpResponse<String> post(String path, String contentType, String body, String token) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
				.timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body));
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** SIGKILL: no shutdown hook, no last checkpoint. */
	void kill() throws InterruptedException {
		process.destroyForcibly();
		process.waitFor(30, TimeUnit.SECONDS);
	}

	/** SIGTERM, and wait for the clean stop. */
	@Override
	public void close() throws InterruptedException {
		process.destroy();
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly();
		}
	}
}
