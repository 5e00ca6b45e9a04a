package io.itinera.serve.delivery;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.itinera.runtime.plan.Topic;
import io.itinera.runtime.step.ActionRecord;
import io.itinera.serve.consent.QueuedDeliveries;
import io.itinera.serve.consent.UnsubscribeLinks;
import io.itinera.serve.delivery.DeliveryLedger.Entry;
import io.itinera.serve.delivery.DeliveryLedger.Status;
import io.itinera.serve.metrics.ServeMetrics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Delivers actions to their channels' endpoints, at least once each, every request carrying
 * {@code Idempotency-Key: <action id>}: the ledger notes each action before its first try and when it
 * is delivered or given up, so a restart resumes what was pending and skips what was delivered.
 * Each channel has its own lane (rate and concurrency limits); each endpoint its own circuit breaker.
 */
public final class DeliveryService implements AutoCloseable, QueuedDeliveries {
	private final DeliveryConfig config;
	private final DeliveryLedger ledger;
	private final DeadDeliveries dead;
	private final ServeMetrics metrics;
	private final HttpClient client;
	private final CircuitBreakerRegistry breakers;
	private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(daemon("itinera-retries"));
	private final Map<String, ChannelLane> lanes = new ConcurrentHashMap<>();
	private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
	/** The actions in flight by id, so an unsubscribe can find a customer's queued ones. */
	private final Map<String, ActionRecord> queued = new ConcurrentHashMap<>();
	private final Set<String> cancelled = ConcurrentHashMap.newKeySet();
	/** Consent withdrawn by a link lately ({@code customer NUL channel NUL topic} to when and how), for actions decided before it. */
	private final Map<String, Withdrawal> withdrawn = new ConcurrentHashMap<>();
	private static final long WITHDRAWN_KEPT_MILLIS = 10 * 60_000L;
	private final UnsubscribeLinks links;
	/** Actions of erased customers: a try under way ends without a word in the ledger, a retry is not made. */
	private final Set<String> erasedActions = ConcurrentHashMap.newKeySet();
	private volatile boolean closed;

	public DeliveryService(DeliveryConfig config, DeliveryLedger ledger, java.nio.file.Path deadLetters, ServeMetrics metrics)
			throws IOException {
		this(config, ledger, deadLetters, metrics, null);
	}

	/** {@code links}: the unsubscribe links bodies may carry, and the topics of sends (null: none). */
	public DeliveryService(DeliveryConfig config, DeliveryLedger ledger, java.nio.file.Path deadLetters, ServeMetrics metrics,
			UnsubscribeLinks links) throws IOException {
		this.links = links;
		this.config = config;
		this.ledger = ledger;
		this.dead = new DeadDeliveries(deadLetters);
		this.metrics = metrics;
		this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
		this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
				.failureRateThreshold(50)
				.minimumNumberOfCalls(20)
				.slidingWindowSize(50)
				.waitDurationInOpenState(Duration.ofMillis(config.breakerOpenMillis()))
				.permittedNumberOfCallsInHalfOpenState(5)
				.recordExceptions(IOException.class)
				.build());
		metrics.openCircuits(() -> breakers.getAllCircuitBreakers().stream()
				.filter(b -> b.getState() == CircuitBreaker.State.OPEN).count());
		metrics.pendingDeliveries(inFlight::size);
	}

	/** Sends every action still pending in the ledger (after a restart). */
	public void resumePending() {
		ledger.forEachPending(entry -> dispatch(entry.action(), entry.attempts()));
	}

	/** Takes a barrier's actions: each one not yet delivered goes out (tags and untags stay inside). */
	public void submit(List<ActionRecord> actions) {
		for (ActionRecord action : actions) {
			if (!isDelivered(action)) {
				metrics.action(String.valueOf(action.channel()), "internal");
				continue;
			}
			Entry known = ledger.get(action.id());
			if (known != null && known.status() != Status.PENDING) {
				metrics.delivery(laneName(action), "skipped");
				continue;
			}
			String withdrawnHow = known == null ? withdrawnFor(action) : null;
			if (withdrawnHow != null) {
				ledger.put(new Entry(Status.CANCELLED, 0, withdrawnHow, action));
				metrics.delivery(laneName(action), "cancelled");
				continue;
			}
			if (known == null) {
				ledger.put(new Entry(Status.PENDING, 0, null, action));
			}
			metrics.action(laneName(action), "queued");
			dispatch(action, known == null ? 0 : known.attempts());
		}
	}

	/**
	 * The customer withdrew consent for {@code topic} on {@code channel} ({@code topic} empty: every topic of
	 * the channel but transactional ones): their deliveries of it not yet made are cancelled, each with a
	 * ledger entry saying {@code why}, and so is any such action decided before now but handed over in the
	 * next ten minutes (the engine had not read the change yet). Returns how many were cancelled now.
	 */
	@Override
	public int cancelQueued(String customer, String topic, String channel, String why) {
		long now = System.currentTimeMillis();
		withdrawn.values().removeIf(w -> w.at() < now - WITHDRAWN_KEPT_MILLIS);
		withdrawn.put(withdrawnKey(customer, channel, topic), new Withdrawal(now, why));
		int count = 0;
		for (ActionRecord action : queued.values()) {
			if (action.customerId().equals(customer) && concerns(action, topic, channel) && cancelled.add(action.id())) {
				Entry entry = ledger.get(action.id());
				if (entry != null && entry.status() == Status.PENDING) {
					ledger.put(new Entry(Status.CANCELLED, entry.attempts(), why, action));
					queued.remove(action.id());
					inFlight.remove(action.id());
					metrics.delivery(laneName(action), "cancelled");
					count++;
				}
			}
		}
		return count;
	}

	private record Withdrawal(long at, String why) {
	}

	/** Why a newly handed-over action is not wanted any more, or null. */
	private String withdrawnFor(ActionRecord action) {
		if (withdrawn.isEmpty() || !"send".equals(action.kind()) || action.channel() == null) {
			return null;
		}
		String channel = action.channel().toLowerCase(java.util.Locale.ROOT);
		Topic topic = links == null ? null : links.topics().of(action);
		for (String name : topic == null ? new String[] { "" } : new String[] { topic.name(), "" }) {
			String key = withdrawnKey(action.customerId(), channel, name);
			Withdrawal withdrawal = withdrawn.get(key);
			if (withdrawal != null && withdrawal.at() >= System.currentTimeMillis() - WITHDRAWN_KEPT_MILLIS
					&& action.at() <= withdrawal.at() && concerns(action, name, channel)) { // decided after it: the engine knew
				return withdrawal.why();
			}
		}
		return null;
	}

	private boolean concerns(ActionRecord action, String topic, String channel) {
		if (!"send".equals(action.kind()) || action.channel() == null || !action.channel().equalsIgnoreCase(channel)) {
			return false;
		}
		Topic actionTopic = links == null ? null : links.topics().of(action);
		if (topic.isEmpty()) {
			return actionTopic == null || actionTopic.kind() != Topic.Kind.TRANSACTIONAL;
		}
		return actionTopic != null && actionTopic.name().equals(topic) && actionTopic.kind() != Topic.Kind.TRANSACTIONAL;
	}

	private static String withdrawnKey(String customer, String channel, String topic) {
		return customer + '\0' + channel + '\0' + topic;
	}

	/**
	 * Erasure: the customer's actions leave the ledger (pending ones are not sent: a try already on the wire
	 * may still land) and the dead-delivery file.
	 */
	public void forgetCustomer(String customerId) {
		for (String id : ledger.forgetCustomer(customerId)) {
			erasedActions.add(id);
			inFlight.remove(id);
		}
	}

	/** What became of an action: pending, delivered, dead, or null when it was never meant for delivery. */
	public Status status(String actionId) {
		Entry entry = ledger.get(actionId);
		return entry == null ? null : entry.status();
	}

	/** Actions handed over and not yet delivered or given up. */
	public int inFlight() {
		return inFlight.size();
	}

	/** Waits until nothing is in flight (a replay's end), at most {@code maxWait}; true when done. */
	public boolean awaitIdle(Duration maxWait) throws InterruptedException {
		long deadline = System.nanoTime() + maxWait.toNanos();
		while (!inFlight.isEmpty() && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
		return inFlight.isEmpty();
	}

	static boolean isDelivered(ActionRecord action) {
		return "send".equals(action.kind()) || "webhook".equals(action.kind());
	}

	private static String laneName(ActionRecord action) {
		return "webhook".equals(action.kind()) ? "webhook" : String.valueOf(action.channel());
	}

	private void dispatch(ActionRecord action, int attemptsSoFar) {
		if (cancelled.contains(action.id()) || erasedActions.contains(action.id()) || !inFlight.add(action.id())) {
			return;
		}
		queued.put(action.id(), action);
		Entry now = ledger.get(action.id());
		if (now != null && now.status() != Status.PENDING) {
			// delivered (or given up) between the caller's look and ours
			inFlight.remove(action.id());
			return;
		}
		String lane = laneName(action);
		Endpoint endpoint = "webhook".equals(lane) ? config.webhook() : config.channels().get(lane);
		if (endpoint == null) {
			giveUp(new Delivery(action, lane, null, null, attemptsSoFar),
					"no endpoint for channel '" + lane + "': add channels." + lane + ".url to the delivery file");
			return;
		}
		String url = "webhook".equals(lane) ? action.target() : endpoint.url();
		URI uri;
		try {
			DeliveryConfig.checkUrl(url, "webhook");
			uri = URI.create(url);
		} catch (IllegalArgumentException e) {
			giveUp(new Delivery(action, lane, endpoint, null, attemptsSoFar), e.getMessage());
			return;
		}
		Delivery delivery = new Delivery(action, lane, endpoint, uri, attemptsSoFar);
		lanes.computeIfAbsent(lane, name -> new ChannelLane(name, endpoint, client, this::onResult, this::breaker, links,
				d -> cancelled.contains(d.action().id())))
				.start(delivery);
	}

	private CircuitBreaker breaker(URI uri) {
		return breakers.circuitBreaker(uri.getScheme() + "://" + uri.getAuthority() + uri.getPath());
	}

	private void onResult(Delivery delivery, AttemptResult result) {
		if (closed || erasedActions.contains(delivery.action().id())) {
			inFlight.remove(delivery.action().id());
			queued.remove(delivery.action().id());
			return;
		}
		if (cancelled.contains(delivery.action().id()) && result.kind() != AttemptResult.Kind.DELIVERED) {
			return; // cancelled while it was tried: the ledger says so, and it is not tried again
		}
		switch (result.kind()) {
			case DELIVERED -> {
				ledger.put(new Entry(Status.DELIVERED, delivery.attempts(), null, delivery.action())); // it went out
				inFlight.remove(delivery.action().id());
				queued.remove(delivery.action().id());
				metrics.delivery(delivery.lane(), "delivered");
				metrics.deliveredAfter(delivery.lane(), Duration.ofMillis(System.currentTimeMillis() - delivery.action().at()));
			}
			case PERMANENT -> giveUp(delivery, result.error());
			case NOT_TRIED -> retryLater(delivery, result.retryAfterMillis()); // a cancelled delivery is skipped by its lane
			case RETRY -> {
				metrics.delivery(delivery.lane(), result.throttled() ? "throttled" : "failed");
				if (delivery.attempts() >= delivery.endpoint().maxAttempts()) {
					giveUp(delivery, result.error() + " (after " + delivery.attempts() + " tries)");
					return;
				}
				long wait = result.retryAfterMillis() >= 0 ? result.retryAfterMillis()
						: Backoff.delayMillis(delivery.attempts(), delivery.endpoint().backoffMillis(),
								delivery.endpoint().maxBackoffMillis());
				metrics.retry(delivery.lane());
				retryLater(delivery, wait);
			}
		}
	}

	private void retryLater(Delivery delivery, long waitMillis) {
		retries.schedule(() -> {
			if (!erasedActions.contains(delivery.action().id())) {
				lanes.get(delivery.lane()).start(delivery);
			}
		}, waitMillis, TimeUnit.MILLISECONDS);
	}

	private void giveUp(Delivery delivery, String error) {
		ledger.put(new Entry(Status.DEAD, delivery.attempts(), error, delivery.action()));
		dead.write(delivery.action(), delivery.attempts(), error);
		inFlight.remove(delivery.action().id());
		queued.remove(delivery.action().id());
		metrics.delivery(delivery.lane(), "dead");
	}

	static java.util.concurrent.ThreadFactory daemon(String name) {
		return task -> {
			Thread thread = new Thread(task, name);
			thread.setDaemon(true);
			return thread;
		};
	}

	@Override
	public void close() throws IOException {
		closed = true;
		retries.shutdownNow();
		lanes.values().forEach(ChannelLane::close);
		dead.close();
	}
}
