package io.itinera.cli;

import io.itinera.cli.vocabulary.CommandError;
import io.itinera.cli.vocabulary.ExitCode;
import io.itinera.runtime.assembly.AssembledJourney;
import io.itinera.runtime.io.ColumnMapping;
import io.itinera.cli.vocabulary.DurationOption;
import io.itinera.serve.DiskRetention;
import io.itinera.serve.LiveJourney;
import io.itinera.serve.LiveServer;
import io.itinera.serve.http.ReloadHandler;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code itinera serve FILE|DIR --state DIR}: the journey live, behind an HTTP API, delivering to real channels. */
@Command(name = "serve", description = {
		"Run a journey live: events come in over HTTP (POST /v1/events), timers fire by the clock, and",
		"actions go to the channels' endpoints named in --deliver (without it only webhooks go out). Acknowledged events are processed once",
		"even across a crash; each action is delivered at least once, always with the same Idempotency-Key.",
		"See docs/serve.md." })
public final class ServeCommand implements Callable<Integer> {
	@Parameters(index = "0", paramLabel = "FILE|DIR", description = {"the .journey file (or a plan.json from itinera compile),",
			"or a workspace folder: every journey in it over one stream, with its itinera.workspace (docs/workspaces.md)" })
	Path journey;

	@Option(names = "--state", required = true, paramLabel = "DIR", description = "where the input log, state, ledger and output live")
	Path state;

	@Option(names = "--port", defaultValue = "8080", description = "HTTP port; 0 picks a free one (default: ${DEFAULT-VALUE})")
	int port;

	@Option(names = "--host", defaultValue = "127.0.0.1", description = "address to bind; beyond loopback a token is required (default: ${DEFAULT-VALUE})")
	String host;

	@Option(names = "--token", paramLabel = "T", description = "bearer token every request must carry (default: env ITINERA_TOKEN)")
	String token;

	@Mixin
	DeliverOption deliver = new DeliverOption();

	@Option(names = "--workers", defaultValue = "2", description = "engine worker threads (default: ${DEFAULT-VALUE})")
	int workers;

	@Option(names = "--checkpoint-ms", defaultValue = "10000", description = {
			"least time between checkpoints, in ms; GET /v1/customers shows the last one, and each one briefly",
			"holds up output while it syncs (default: ${DEFAULT-VALUE})" })
	long checkpointMillis;

	@Mixin
	FlushOption flush = new FlushOption();

	@Option(names = "--max-body", defaultValue = "8388608", paramLabel = "BYTES", description = "largest request body (default: ${DEFAULT-VALUE})")
	int maxBodyBytes;

	@Option(names = "--max-batch", defaultValue = "10000", paramLabel = "N", description = "most events in one request (default: ${DEFAULT-VALUE})")
	int maxEvents;

	@Mixin
	MappingOption map = new MappingOption();

	@Mixin
	DriverOptions driverOptions = DriverOptions.live();

	@Mixin
	MaxSkewOption maxSkew = new MaxSkewOption();

	@Option(names = "--clock", defaultValue = "wall", description = {
			"wall: timers fire by the system clock (default);",
			"event: each customer's timers fire when their own later events pass them, as in run --kafka: a",
			"log of past events posted in time order gives what run gives, less what only the end of a replay fires" })
	RunCommand.Clock clock;

	@Mixin
	RawDrlOption rawDrl = new RawDrlOption();

	@Mixin
	WithoutModelsOption withoutModelsOption = new WithoutModelsOption();

	@Mixin
	DeliveryOptions deliveryOptions = new DeliveryOptions();

	@Spec
	CommandSpec spec;

	@Option(names = "--migrate", description = {
			"when the journey changed since the state was written: first move its customers to this version",
			"by its migrate rules (one atomic write), as run --migrate; a SIGHUP reload then migrates too" })
	boolean migrate;

	@Option(names = "--pin-old", description = {
			"when the journey changed since the state was written: customers already on their way finish on",
			"the version they started on, new entries take this one; a SIGHUP reload then pins too" })
	boolean pinOld;

	@Option(names = "--keep-input", defaultValue = "7d", paramLabel = "D", description = {
			"how long input log segments are kept once the last checkpoint is past them (then deleted, or moved",
			"to --archive-input); explain needs them to replay a customer (default: ${DEFAULT-VALUE})" })
	String keepInput;

	@Option(names = "--archive-input", paramLabel = "DIR", description = "move old input log segments here instead of deleting them")
	Path archiveInput;

	@Option(names = "--keep-delivered", defaultValue = "7d", paramLabel = "D", description = {
			"how long the delivery ledger keeps an action delivered or given up on; within it an action decided",
			"again is never sent again (default: ${DEFAULT-VALUE})" })
	String keepDelivered;

	@Option(names = "--input-segment-mb", defaultValue = "64", paramLabel = "MB", description = {
			"size of an input log segment, in MiB (default: ${DEFAULT-VALUE})" })
	long inputSegmentMegabytes;

	@Override
	public Integer call() throws IOException, InterruptedException {
		PrintWriter err = spec.commandLine().getErr();
		PrintWriter out = spec.commandLine().getOut();
		try {
			if (migrate && pinOld) {
				throw new IllegalArgumentException("--migrate and --pin-old are two answers to one question: give one of them");
			}
			ColumnMapping columns = map.columnMapping().perRecord("itinera serve");
			String bearer = token != null ? token : System.getenv("ITINERA_TOKEN");
			boolean workspace = java.nio.file.Files.isDirectory(journey);
			LiveJourneyFile file = workspace ? null : new LiveJourneyFile(journey, state, rawDrl.allowed, withoutModelsOption.set,
					deliveryOptions.settings(), columns, maxSkew.millis(), driverOptions.settings());
			LiveWorkspaceFolder folder = workspace ? new LiveWorkspaceFolder(journey, state, rawDrl.allowed, withoutModelsOption.set,
					deliveryOptions.settings(), columns, maxSkew.millis(), driverOptions.settings()) : null;
			LiveJourney live = workspace ? folder : file;
			LiveServer server;
			try (LiveJourney.Compiled compiled = workspace ? folder.compile(err) : file.compile(err)) {
				if (compiled == null) {
					return ExitCode.FAILED.code();
				}
				LiveServer.Settings settings = new LiveServer.Settings(state, host, port, bearer, deliver.file, workers,
						checkpointMillis, flush.checked(), maxBodyBytes, maxEvents, driverOptions.settings(),
						new DiskRetention.Settings(megabytes(inputSegmentMegabytes), DurationOption.millis("--keep-input", keepInput),
								archiveInput, DurationOption.millis("--keep-delivered", keepDelivered)),
						clock == RunCommand.Clock.WALL);
				server = LiveServer.start(live, compiled, migrate ? LiveJourney.Change.MIGRATE
						: pinOld ? LiveJourney.Change.PIN_OLD : LiveJourney.Change.REFUSE, settings);
			}
			Runtime.getRuntime().addShutdownHook(new Thread(server::close, "itinera-serve-stop"));
			ReloadOnHangup.install(server, migrate ? ReloadHandler.Mode.MIGRATE : pinOld ? ReloadHandler.Mode.PIN_OLD : null, out);
			out.printf("Serving %s on http://%s:%d (state in %s)%n", server.journeyName(), host, server.port(), state);
			out.flush();
			String failure = server.awaitEngine();
			if (failure != null) {
				server.close();
				throw CommandError.error("the engine stopped: " + failure);
			}
			return ExitCode.OK.code();
		} finally {
			err.flush();
			out.flush();
		}
	}

	private static long megabytes(long megabytes) {
		if (megabytes < 1) {
			throw new IllegalArgumentException("--input-segment-mb " + megabytes + ": give 1 or more (MiB)");
		}
		return megabytes << 20;
	}
}
