package io.itinera.flink;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A cluster of separate processes started with {@code flink/cluster/itinera-cluster} (the script a
 * user runs), on free loopback ports, in a folder of its own; watched through Flink's REST API.
 */
final class FlinkClusterProcesses implements AutoCloseable {
	private static final Path SCRIPT = Path.of("cluster", "itinera-cluster").toAbsolutePath();
	private static final Pattern JOB_ID = Pattern.compile("JobID ([0-9a-f]{32})");
	private static final Pattern SAVEPOINT = Pattern.compile("Savepoint completed\\. Path: (\\S+)");
	private static final ObjectMapper JSON = new ObjectMapper();

	private final Path folder;
	private final int restPort;
	private final int rpcPort;
	private final HttpClient http = HttpClient.newHttpClient();

	private FlinkClusterProcesses(Path folder, int restPort, int rpcPort) {
		this.folder = folder;
		this.restPort = restPort;
		this.rpcPort = rpcPort;
	}

	/** A JobManager and {@code taskManagers} TaskManagers, registered. */
	static FlinkClusterProcesses start(Path folder, int taskManagers) throws Exception {
		deleteRecursively(folder);
		FlinkClusterProcesses cluster = new FlinkClusterProcesses(folder, freePort(), freePort());
		try {
			cluster.script("start", Integer.toString(taskManagers));
		} catch (Exception | AssertionError e) {
			cluster.close();
			throw e;
		}
		return cluster;
	}

	void startTaskManager(String name) throws Exception {
		script("taskmanager", name);
	}

	/** SIGKILL, no goodbye. */
	void kill(String name) throws Exception {
		script("kill", name);
	}

	/** Submits with {@code flink run ARGUMENTS}; the job's id. */
	String submit(List<String> arguments) throws Exception {
		List<String> command = new ArrayList<>(List.of("flink", "run"));
		command.addAll(arguments);
		return match(JOB_ID, script(command.toArray(String[]::new)));
	}

	/** {@code flink stop --savepointPath}: the savepoint's path. */
	String stopWithSavepoint(String job) throws Exception {
		return match(SAVEPOINT, script("flink", "stop", "--savepointPath", folder.resolve("savepoints").toUri().toString(), job));
	}

	void cancel(String job) throws Exception {
		script("flink", "cancel", job);
	}

	/** Waits until every task of the job runs at {@code parallelism}. */
	void awaitAllRunning(String job, int parallelism) throws Exception {
		FlinkClusterTest.waitFor("job " + job + " running at parallelism " + parallelism, () -> allRunning(job, parallelism));
	}

	/**
	 * Waits until the job has restarted since {@code restartsBefore} (or its tasks were seen not
	 * running) and then runs again in full: the moment (System.nanoTime) it did.
	 */
	long awaitRecovered(String job, int parallelism, long restartsBefore) throws Exception {
		FlinkClusterTest.waitFor("the job to notice the lost TaskManager",
				() -> !allRunning(job, parallelism) || restarts(job) > restartsBefore);
		FlinkClusterTest.waitFor("the job to run again", () -> allRunning(job, parallelism));
		return System.nanoTime();
	}

	/** A TaskManager with a busy slot (with slots spread evenly, each runs part of the job). */
	String taskManagerRunningTasks() throws Exception {
		for (JsonNode manager : get("/taskmanagers").path("taskmanagers")) {
			if (manager.path("freeSlots").asInt() < manager.path("slotsNumber").asInt()) {
				return manager.path("id").asText();
			}
		}
		throw new AssertionError("no TaskManager runs a task");
	}

	long restarts(String job) throws Exception {
		for (JsonNode metric : get("/jobs/" + job + "/metrics?get=numRestarts")) {
			return metric.path("value").asLong();
		}
		return 0;
	}

	/** The job's operators' parallelisms, each once. */
	List<Integer> parallelisms(String job) throws Exception {
		List<Integer> parallelisms = new ArrayList<>();
		for (JsonNode vertex : get("/jobs/" + job).path("vertices")) {
			parallelisms.add(vertex.path("parallelism").asInt());
		}
		return parallelisms.stream().distinct().toList();
	}

	private boolean allRunning(String job, int parallelism) throws Exception {
		JsonNode status = get("/jobs/" + job);
		if (!"RUNNING".equals(status.path("state").asText())) {
			return false;
		}
		for (JsonNode vertex : status.path("vertices")) {
			if (vertex.path("parallelism").asInt() != parallelism) {
				return false;
			}
			if (vertex.path("tasks").path("RUNNING").asInt() != vertex.path("parallelism").asInt()) {
				return false;
			}
		}
		return true;
	}

	private JsonNode get(String path) throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + restPort + path)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IOException(path + ": HTTP " + response.statusCode() + " " + response.body());
		}
		return JSON.readTree(response.body());
	}

	/** Runs the script; its output, or an assertion error with it when it fails. */
	private String script(String... arguments) throws Exception {
		List<String> command = new ArrayList<>(List.of(SCRIPT.toString()));
		command.addAll(List.of(arguments));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		Map<String, String> environment = builder.environment();
		environment.put("CLUSTER_DIR", folder.toString());
		environment.put("REST_PORT", Integer.toString(restPort));
		environment.put("RPC_PORT", Integer.toString(rpcPort));
		Process process = builder.start();
		process.getOutputStream().close();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
			throw new AssertionError("itinera-cluster " + String.join(" ", arguments) + " failed:\n" + output);
		}
		System.out.print(output);
		return output;
	}

	private static String match(Pattern pattern, String output) {
		Matcher matcher = pattern.matcher(output);
		if (!matcher.find()) {
			throw new AssertionError("expected " + pattern + " in:\n" + output);
		}
		return matcher.group(1);
	}

	private static void deleteRecursively(Path folder) throws IOException {
		if (Files.exists(folder)) {
			try (Stream<Path> paths = Files.walk(folder)) {
				for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
					Files.delete(path);
				}
			}
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/** Stops every process; leaves the logs, checkpoints and savepoints, removes the processes' working files (job jars, RocksDB). */
	@Override
	public void close() throws Exception {
		script("stop");
		deleteRecursively(folder.resolve("tmp"));
	}
}
