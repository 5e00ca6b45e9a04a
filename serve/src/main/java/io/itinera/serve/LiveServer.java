package io.itinera.serve;

import io.itinera.runtime.driver.DriverSettings;
import io.itinera.runtime.engine.EngineConfig;
import io.itinera.runtime.engine.EngineSummary;
import io.itinera.runtime.engine.LocalEngine;
import io.itinera.runtime.io.EventLineParser;
import io.itinera.runtime.io.JsonLinesOutput;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.scoring.Scorer;
import io.itinera.runtime.state.RocksDbStateStore;
import io.itinera.runtime.step.JourneyStep;
import io.itinera.runtime.step.PlanStep;
import io.itinera.serve.consent.ActionTopics;
import io.itinera.serve.consent.UnsubscribeEndpoint;
import io.itinera.serve.consent.UnsubscribeLinks;
import io.itinera.serve.delivery.DeliveryConfig;
import io.itinera.serve.delivery.DeliveryLedger;
import io.itinera.serve.delivery.DeliveryService;
import io.itinera.serve.http.HttpApi;
import io.itinera.serve.intake.ErasureGate;
import io.itinera.serve.intake.EventIntake;
import io.itinera.serve.intake.InputLog;
import io.itinera.serve.intake.RejectedLines;
import io.itinera.serve.intake.TailingEventSource;
import io.itinera.serve.metrics.ServeMetrics;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * {@code itinera serve}: accepted events go to the write-ahead input log; a {@link LocalEngine} on
 * the wall clock tails that log, and its actions go to delivery. The engine's checkpoints (input
 * position, customers, action ids) and the delivery ledger make restarts exact: every acknowledged
 * event is processed once, and no delivered action is sent again.
 */
public final class LiveServer implements AutoCloseable {
	public static final String INPUT_LOG = "input.jsonl";
	public static final String REJECTED = "rejected.jsonl";
	public static final String DELIVERY_DEAD_LETTERS = "delivery-dead-letters.jsonl";
	public static final String OUTPUT = "out";

	/**
	 * @param deliveryFile channel endpoints (null: webhooks only)
	 * @param flushMillis how often the engine writes output (and so hands actions to delivery)
	 */
	public record Settings(Path stateDirectory, String host, int port, String token, Path deliveryFile, int workers,
			long checkpointMillis, long flushMillis, int maxBodyBytes, int maxEventsPerRequest, DriverSettings driver) {
	}

	private final Deque<AutoCloseable> toClose = new ArrayDeque<>();
	private final CountDownLatch engineDone = new CountDownLatch(1);
	private volatile String engineFailure;
	private LocalEngine engine;
	private HttpApi api;
	private InputLog log;
	private Thread engineThread;
	private TailingEventSource source;

	private LiveServer() {
	}

	/**
	 * Starts the server: reopens the state directory (resuming the engine and pending deliveries),
	 * then the HTTP API.
	 *
	 * @param intakeParser a parser for the API (its plausible-time window starting now)
	 * @param logParser the parser of the input log (lines were checked on the way in)
	 */
	public static LiveServer start(JourneyPlan plan, Supplier<JourneyStep> steps, Scorer scorer,
			Supplier<EventLineParser> intakeParser, EventLineParser logParser, Settings settings) throws IOException {
		requireTokenBeyondLoopback(settings.host(), settings.token());
		LiveServer server = new LiveServer();
		try {
			server.open(plan, steps, scorer, intakeParser, logParser, settings);
			return server;
		} catch (IOException | RuntimeException e) {
			server.close();
			throw e;
		}
	}

	static void requireTokenBeyondLoopback(String host, String token) {
		if (token != null && !token.isBlank()) {
			return;
		}
		try {
			if (!InetAddress.getByName(host).isLoopbackAddress()) {
				throw new IllegalArgumentException("binding to " + host + " opens the API beyond this machine: give a token "
						+ "with --token or ITINERA_TOKEN (or bind to 127.0.0.1)");
			}
		} catch (UnknownHostException e) {
			throw new IllegalArgumentException("unknown host " + host + ": give an address to bind to, e.g. 127.0.0.1");
		}
	}

	private void open(JourneyPlan plan, Supplier<JourneyStep> steps, Scorer scorer, Supplier<EventLineParser> intakeParser,
			EventLineParser logParser, Settings settings) throws IOException {
		Path state = settings.stateDirectory();
		Files.createDirectories(state);
		ServeMetrics metrics = new ServeMetrics();
		DeliveryConfig deliveryConfig = settings.deliveryFile() == null ? DeliveryConfig.webhooksOnly()
				: DeliveryConfig.load(settings.deliveryFile());
		DeliveryLedger ledger = closing(new DeliveryLedger(state.resolve("delivery")));
		JourneyStep viewStep = steps.get();
		UnsubscribeLinks links = UnsubscribeLinks.fromConfig(deliveryConfig.unsubscribe(), String.valueOf(settings.deliveryFile()),
				ActionTopics.of(viewStep));
		DeliveryService delivery = closing(new DeliveryService(deliveryConfig, ledger, state.resolve(DELIVERY_DEAD_LETTERS), metrics,
				links));
		RocksDbStateStore store = closing(new RocksDbStateStore(state.resolve("engine")));
		RecentActions recent = new RecentActions();
		DeliveringOutput output = closing(new DeliveringOutput(new JsonLinesOutput(state.resolve(OUTPUT)), delivery, recent::add));
		log = closing(new InputLog(state.resolve(INPUT_LOG)));
		RejectedLines rejected = closing(new RejectedLines(state.resolve(REJECTED)));

		delivery.resumePending();
		EngineConfig config = EngineConfig.defaults()
				.withWorkers(settings.workers())
				.withCheckpointEveryMillis(settings.checkpointMillis())
				.withFlushEveryMillis(settings.flushMillis())
				.withDriver(settings.driver().withWallClock(true))
				.withRunName(plan.name() + " live");
		engine = new LocalEngine(() -> new TimedStep(steps.get(), metrics), scorer, store, output, config);
		TailingEventSource source = new TailingEventSource(log, logParser);
		this.source = source;
		engineThread = new Thread(() -> runEngine(source), "itinera-engine");
		engineThread.start();

		CustomerViews views = new CustomerViews(plan, store, recent, delivery);
		ErasureGate gate = new ErasureGate(store.erasedCustomers());
		EventIntake intake = new EventIntake(log, intakeParser, rejected, settings.maxEventsPerRequest(), gate);
		CustomerErasure erasure = new CustomerErasure(gate, engine, source, log, store, delivery, recent, state);
		metrics.erasures(erasure::erasures, gate.erased()::droppedEvents);
		api = new HttpApi(new HttpApi.Settings(settings.host(), settings.port(), settings.token(), settings.maxBodyBytes()),
				intake, views, metrics, () -> health(delivery))
				.with(app -> {
					if (links != null) {
						new UnsubscribeEndpoint(links, intake, delivery, java.time.Clock.systemUTC()).register(app);
					}
				}).erasing(erasure);
		if (viewStep instanceof PlanStep journey) {
			api.profiles(new ProfileUpdates(plan, journey, engine, gate.erased()));
		}
		api.start();
	}

	private void runEngine(TailingEventSource source) {
		try {
			EngineSummary ignored = engine.run(source);
		} catch (IOException | RuntimeException e) {
			engineFailure = e.getMessage() == null ? e.toString() : e.getMessage();
		} finally {
			engineDone.countDown();
		}
	}

	private Map<String, Object> health(DeliveryService delivery) {
		Map<String, Object> health = new LinkedHashMap<>();
		health.put("status", engineFailure == null && engineDone.getCount() > 0 ? "up" : "down");
		if (engineFailure != null) {
			health.put("engine", engineFailure);
		}
		health.put("inputLogBytes", log.durableLength());
		health.put("linesRead", source.lineNumber());
		health.put("deliveriesPending", delivery.inFlight());
		return health;
	}

	private <T extends AutoCloseable> T closing(T resource) {
		toClose.push(resource);
		return resource;
	}

	public int port() {
		return api.port();
	}

	/** Waits until the engine stops (after {@link #close()} from a signal, or a failure); its failure, or null. */
	public String awaitEngine() throws InterruptedException {
		engineDone.await();
		return engineFailure;
	}

	/** Stops taking requests, lets the engine write a last checkpoint, and closes everything. */
	@Override
	public void close() {
		if (api != null) {
			api.close();
		}
		if (engine != null) {
			engine.stop();
			try {
				engineThread.join(60_000);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
		while (!toClose.isEmpty()) {
			try {
				toClose.pop().close();
			} catch (Exception e) {
				// closing the rest matters more
			}
		}
	}
}
