package io.itinera.serve;

import io.itinera.runtime.driver.DriverSettings;
import io.itinera.runtime.engine.EngineConfig;
import io.itinera.runtime.engine.EngineSummary;
import io.itinera.runtime.driver.SplitEpochs;
import io.itinera.runtime.driver.SplitWeightsLog;
import io.itinera.runtime.engine.LocalEngine;
import io.itinera.runtime.io.JsonLinesOutput;
import io.itinera.runtime.io.RunOutput;
import io.itinera.runtime.state.CustomerStateStore;
import io.itinera.runtime.state.RocksDbStateStore;
import io.itinera.runtime.state.RunProgress;
import io.itinera.serve.consent.ActionTopics;
import io.itinera.serve.consent.UnsubscribeEndpoint;
import io.itinera.serve.consent.UnsubscribeLinks;
import io.itinera.serve.delivery.DeliveryConfig;
import io.itinera.serve.delivery.DeliveryLedger;
import io.itinera.serve.delivery.DeliveryService;
import io.itinera.serve.http.ExplainHandler;
import io.itinera.serve.http.HttpApi;
import io.itinera.serve.http.ReloadHandler;
import io.itinera.serve.http.StatusPageHandler;
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

/**
 * {@code itinera serve}: accepted events go to the write-ahead input log; a {@link LocalEngine} on
 * the wall clock tails that log, and its actions go to delivery. The engine's checkpoints (input
 * position, customers, action ids) and the delivery ledger make restarts exact: every acknowledged
 * event is processed once, and no delivered action is sent again.
 */
public final class LiveServer implements AutoCloseable {
	public static final String REJECTED = "rejected.jsonl";
	public static final String DELIVERY_DEAD_LETTERS = "delivery-dead-letters.jsonl";
	public static final String OUTPUT = "out";

	/**
	 * @param deliveryFile channel endpoints (null: webhooks only)
	 * @param flushMillis how often the engine writes output (and so hands actions to delivery)
	 * @param wallClock true (the default): timers fire by the system clock; false ({@code --clock event}): a
	 *        customer's timers fire when their own later events pass them, as in {@code run --kafka}
	 */
	public record Settings(Path stateDirectory, String host, int port, String token, Path deliveryFile, int workers,
			long checkpointMillis, long flushMillis, int maxBodyBytes, int maxEventsPerRequest, DriverSettings driver,
			DiskRetention.Settings retention, boolean wallClock) {
		/** On the wall clock. */
		public Settings(Path stateDirectory, String host, int port, String token, Path deliveryFile, int workers,
				long checkpointMillis, long flushMillis, int maxBodyBytes, int maxEventsPerRequest, DriverSettings driver,
				DiskRetention.Settings retention) {
			this(stateDirectory, host, port, token, deliveryFile, workers, checkpointMillis, flushMillis, maxBodyBytes,
					maxEventsPerRequest, driver, retention, true);
		}
	}

	private final Deque<AutoCloseable> toClose = new ArrayDeque<>();
	private final CountDownLatch engineDone = new CountDownLatch(1);
	private final Object reloadLock = new Object();
	private volatile String engineFailure;
	private volatile EngineRun current;
	/** Set while a reload stops the engine on purpose: its end is not the server's. */
	private volatile boolean swapping;
	/** The unsubscribe links of sends (null: the delivery file has none). */
	private UnsubscribeLinks links;
	private LiveJourney journey;
	private Settings settings;
	private CustomerStateStore store;
	private RunOutput output;
	private ServeMetrics metrics;
	private EventIntake intake;
	private HttpApi api;
	private InputLog log;
	private volatile Map<String, Object> lastReload;
	private DiskRetention retention;

	/** One engine over the input log, with the version it runs. */
	private record EngineRun(LocalEngine engine, Thread thread, TailingEventSource source, LiveJourney.Running running) {
	}

	private LiveServer() {
	}

	/**
	 * Starts the server: reopens the state directory (settling a changed journey as {@code atStart}
	 * says, then resuming the engine and pending deliveries), then the HTTP API.
	 *
	 * @param first the journey as compiled for this start; {@code journey} compiles it again on each reload
	 * @throws IllegalArgumentException when the journey changed and {@code atStart} refuses it (the message lists the changes)
	 */
	public static LiveServer start(LiveJourney journey, LiveJourney.Compiled first, LiveJourney.Change atStart, Settings settings)
			throws IOException {
		requireTokenBeyondLoopback(settings.host(), settings.token());
		LiveServer server = new LiveServer();
		try {
			server.open(journey, first, atStart, settings);
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

	private void open(LiveJourney journey, LiveJourney.Compiled first, LiveJourney.Change atStart, Settings settings)
			throws IOException {
		this.journey = journey;
		this.settings = settings;
		Path state = settings.stateDirectory();
		Files.createDirectories(state);
		metrics = new ServeMetrics();
		DeliveryConfig deliveryConfig = settings.deliveryFile() == null ? DeliveryConfig.webhooksOnly()
				: DeliveryConfig.load(settings.deliveryFile());
		DeliveryLedger ledger = closing(new DeliveryLedger(state.resolve("delivery")));
		RocksDbStateStore customers = closing(new RocksDbStateStore(state.resolve("engine")));
		store = customers;
		LiveJourney.Running running = first.adopt(store, atStart);
		// links name a send's topic as the running journeys declare it: startEngine sets them, at start and at each reload
		links = UnsubscribeLinks.fromConfig(deliveryConfig.unsubscribe(), String.valueOf(settings.deliveryFile()),
				ActionTopics.NONE);
		DeliveryService delivery = closing(new DeliveryService(deliveryConfig, ledger, state.resolve(DELIVERY_DEAD_LETTERS), metrics,
				links));
		RecentActions recent = new RecentActions();
		output = closing(new DeliveringOutput(new JsonLinesOutput(state.resolve(OUTPUT)), delivery, recent::add));
		log = closing(new InputLog(state, settings.retention().segmentBytes()));
		RejectedLines rejected = closing(new RejectedLines(state.resolve(REJECTED)));

		delivery.resumePending();
		retention = closing(new DiskRetention(settings.retention(), log, store, ledger, state));
		startEngine(running);

		CustomerViews views = new CustomerViews(() -> current.running(), store, recent, delivery, this::catchUp);
		ErasureGate gate = new ErasureGate(customers.erasedCustomers());
		intake = new EventIntake(log, () -> current.running().intakeParser(), rejected, settings.maxEventsPerRequest(), gate);
		CustomerErasure erasure = new CustomerErasure(gate, () -> current.engine(), () -> current.source(), log, customers, delivery,
				recent, state, settings.retention().archive());
		metrics.erasures(erasure::erasures, gate.erased()::droppedEvents);
		EventIntake events = intake;
		api = new HttpApi(new HttpApi.Settings(settings.host(), settings.port(), settings.token(), settings.maxBodyBytes()),
				intake, views, metrics, () -> health(delivery))
				.with(app -> {
					if (links != null) {
						new UnsubscribeEndpoint(links, events, delivery, java.time.Clock.systemUTC()).register(app);
					}
				}).erasing(erasure);
		if (running.plans().size() == 1 && running.stepOf(null) != null) { // profiles of one journey's customers
			api.profiles(new ProfileUpdates(running.plan(), running.stepOf(null), () -> current.engine(), gate.erased()));
		}
		new ReloadHandler(this::reload).register(api);
		new StatusPageHandler(() -> StatusPage.render(new StatusPage.Figures(current.running(), store.progress().orElse(null),
				metrics, health(delivery), lastReload, state.resolve(OUTPUT).resolve(JsonLinesOutput.DEAD_LETTERS),
				state.resolve(DELIVERY_DEAD_LETTERS)))).register(api);
		new ExplainHandler(customer -> LiveExplain.of(customer, current.running(), log)).register(api);
		api.start();
	}

	private void startEngine(LiveJourney.Running running) {
		EngineConfig config = EngineConfig.defaults()
				.withWorkers(settings.workers())
				.withCheckpointEveryMillis(settings.checkpointMillis())
				.withFlushEveryMillis(settings.flushMillis())
				.withDriver(settings.driver().withWallClock(settings.wallClock()))
				.withRunName(runName(running))
				.withPlanJson(running.planJson());
		if (links != null) {
			links.follow(ActionTopics.of(running.newStep()));
		}
		LocalEngine engine = new LocalEngine(() -> new TimedStep(running.newStep(), metrics), running.scorer(), store, output, config);
		SplitWeightsLog weights = new SplitWeightsLog(settings.stateDirectory().resolve(OUTPUT).resolve(SplitEpochs.FILE));
		SplitEpochs learning = SplitEpochs.of(running.splitBoards(), weights);
		engine.learningSplits(learning);
		TailingEventSource source = new TailingEventSource(log, running.logParser());
		Thread thread = new Thread(() -> runEngine(engine, source, learning == null ? null : weights), "itinera-engine");
		current = new EngineRun(engine, thread, source, running);
		thread.start();
	}

	/** How long a read waits for the engine to checkpoint what was acknowledged before it. */
	private static final long READ_WAIT_MILLIS = 3_000;
	private static final long READ_CHECKPOINT_GAP_NANOS = 100_000_000L;
	private volatile long lastCheckpointRequest = System.nanoTime() - READ_CHECKPOINT_GAP_NANOS;

	/**
	 * Waits until the last checkpoint holds every event acknowledged before this call, asking the
	 * engine for one; the bytes of input it is still behind after {@link #READ_WAIT_MILLIS} (0: current).
	 */
	long catchUp() {
		long target = log.durableLength();
		long deadline = System.nanoTime() + READ_WAIT_MILLIS * 1_000_000L;
		while (true) {
			long committed = store.progress().map(RunProgress::inputPosition).orElse(0L);
			if (committed >= target) {
				return 0;
			}
			if (System.nanoTime() > deadline) {
				return target - committed;
			}
			long now = System.nanoTime();
			if (now - lastCheckpointRequest > READ_CHECKPOINT_GAP_NANOS) { // reads share checkpoints: at most ten a second
				lastCheckpointRequest = now;
				current.engine().requestCheckpoint();
			}
			try {
				Thread.sleep(5);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return target - committed;
			}
		}
	}

	/** The state's run: one per journey (or workspace) name, whatever its version. */
	public static String runName(LiveJourney.Running running) {
		return running.name() + " live";
	}

	/** Runs {@code engine} to its end; {@code weights}: the learning splits' file it writes, closed then (or null). */
	private void runEngine(LocalEngine engine, TailingEventSource source, SplitWeightsLog weights) {
		try (weights) {
			EngineSummary ignored = engine.run(source);
		} catch (IOException | RuntimeException e) {
			engineFailure = EngineFailure.describe(e);
		} finally {
			if (!swapping || engineFailure != null) {
				engineDone.countDown();
			}
		}
	}

	/**
	 * {@code POST /v1/admin/journeys/reload}: compiles the journey again; without a mode answers what
	 * the change would do; with one, stops the engine at a checkpoint, settles the change on the
	 * state and starts the new version where the old one stopped. The input log keeps taking events
	 * meanwhile: the new version processes every one the old did not.
	 */
	public ReloadHandler.Answer reload(ReloadHandler.Mode mode) {
		synchronized (reloadLock) {
			if (engineDone.getCount() == 0) {
				return new ReloadHandler.Answer(503, Map.of("error", "the server is stopping; reload after it started again"));
			}
			LiveJourney.Compiled compiled;
			try {
				compiled = journey.compile();
			} catch (LiveJourney.Refused refused) {
				return remember(new ReloadHandler.Answer(422, answer("error", "the journey does not run as it is on disk now; the"
						+ " running version goes on. Fix it and reload again.", "diagnostics", refused.getMessage())));
			}
			try (compiled) {
				if (mode == null) {
					Map<String, Object> dryRun = new LinkedHashMap<>(compiled.dryRun(store));
					dryRun.put("applied", false);
					dryRun.put("apply", "POST /v1/admin/journeys/reload?mode=migrate (customers move to the new version) or"
							+ " ?mode=pin-old (customers on their way finish on the old one)");
					return new ReloadHandler.Answer(200, dryRun);
				}
				return remember(swapTo(compiled, mode == ReloadHandler.Mode.MIGRATE ? LiveJourney.Change.MIGRATE
						: LiveJourney.Change.PIN_OLD));
			}
		}
	}

	private ReloadHandler.Answer swapTo(LiveJourney.Compiled compiled, LiveJourney.Change mode) {
		EngineRun old = current;
		long started = System.nanoTime();
		swapping = true;
		try {
			old.engine().stop();
			old.thread().join();
			if (engineFailure != null) {
				engineDone.countDown();
				return new ReloadHandler.Answer(500, Map.of("error", "the engine stopped: " + engineFailure));
			}
			LiveJourney.Running next;
			try {
				next = compiled.adopt(store, mode);
			} catch (IllegalArgumentException | IllegalStateException refused) {
				startEngine(old.running());
				return new ReloadHandler.Answer(409, answer("error", refused.getMessage(), "running", old.running().version()));
			}
			startEngine(next);
			intake.renewParsers();
			old.running().close();
			return new ReloadHandler.Answer(200, answer("applied", true, "mode", mode == LiveJourney.Change.MIGRATE ? "migrate" : "pin-old",
					"version", next.version(), "previous", old.running().version(), "versions", next.describe(),
					"pausedMillis", (System.nanoTime() - started) / 1_000_000));
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return new ReloadHandler.Answer(503, Map.of("error", "interrupted while stopping the engine"));
		} finally {
			swapping = false;
		}
	}

	private ReloadHandler.Answer remember(ReloadHandler.Answer answer) {
		Map<String, Object> last = new LinkedHashMap<>(answer.body());
		last.put("at", java.time.Instant.now().toString());
		last.put("status", answer.status());
		lastReload = last;
		return answer;
	}

	private static Map<String, Object> answer(Object... keysAndValues) {
		Map<String, Object> answer = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			answer.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return answer;
	}

	/** The last reload that was applied or refused, or null. */
	public Map<String, Object> lastReload() {
		return lastReload;
	}

	private Map<String, Object> health(DeliveryService delivery) {
		Map<String, Object> health = new LinkedHashMap<>();
		health.put("status", engineFailure == null && engineDone.getCount() > 0 ? "up" : "down");
		if (engineFailure != null) {
			health.put("engine", engineFailure);
		}
		health.put("version", current.running().version());
		health.put("linesRead", current.source().lineNumber());
		health.putAll(retention.figures());
		health.put("deliveriesPending", delivery.inFlight());
		return health;
	}

	private <T extends AutoCloseable> T closing(T resource) {
		toClose.push(resource);
		return resource;
	}

	/** The journey's name, or {@code workspace NAME}. */
	public String journeyName() {
		return current.running().name();
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
		synchronized (reloadLock) {
			EngineRun run = current;
			if (run != null) {
				run.engine().stop();
				try {
					run.thread().join(60_000);
				} catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				}
				run.running().close();
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
