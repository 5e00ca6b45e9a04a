package io.itinera.serve.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** The server's meters, scraped as Prometheus text from {@code GET /metrics}. */
public final class ServeMetrics {
	private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
	private final Counter eventsAccepted = Counter.builder("itinera_events_in").tag("result", "accepted")
			.description("events received over HTTP").register(registry);
	private final Counter eventsRejected = Counter.builder("itinera_events_in").tag("result", "rejected")
			.description("events received over HTTP").register(registry);
	private final Timer acknowledgement = Timer.builder("itinera_ack").description("time to answer POST /v1/events (durable append)")
			.publishPercentiles(0.5, 0.99).register(registry);
	private final Timer step = Timer.builder("itinera_step").description("time in the step function per input")
			.publishPercentiles(0.5, 0.99).register(registry);

	private final LastHour lastHour = new LastHour();
	private volatile Supplier<Number> openCircuits = () -> 0;
	private volatile Supplier<Number> pendingDeliveries = () -> 0;

	public void eventsIn(int accepted, int rejected) {
		eventsAccepted.increment(accepted);
		eventsRejected.increment(rejected);
		lastHour.add("events accepted", accepted);
		lastHour.add("events rejected", rejected);
	}

	public void acknowledged(long nanos) {
		acknowledgement.record(nanos, TimeUnit.NANOSECONDS);
	}

	public void stepTook(long nanos) {
		step.record(nanos, TimeUnit.NANOSECONDS);
	}

	/** An action decided by the journey; outcome: queued for delivery, internal (tags), or no endpoint. */
	public void action(String channel, String outcome) {
		registry.counter("itinera_actions", "channel", channel, "outcome", outcome).increment();
		lastHour.add("actions\t" + channel + "\t" + outcome, 1);
	}

	/** A delivery's end or try; status: delivered, failed (will retry), throttled (429), dead, skipped (already delivered). */
	public void delivery(String channel, String status) {
		registry.counter("itinera_deliveries", "channel", channel, "status", status).increment();
		lastHour.add("deliveries\t" + channel + "\t" + status, 1);
	}

	public void retry(String channel) {
		registry.counter("itinera_delivery_retries", "channel", channel).increment();
	}

	/** From an action's time to the provider's acceptance. */
	public void deliveredAfter(String channel, Duration sinceAction) {
		Timer.builder("itinera_action_to_delivery").tag("channel", channel).publishPercentiles(0.5, 0.99).register(registry)
				.record(sinceAction.isNegative() ? Duration.ZERO : sinceAction);
	}

	public void openCircuits(Supplier<Number> count) {
		openCircuits = count;
		Gauge.builder("itinera_open_circuits", count).description("circuit breakers open now").register(registry);
	}

	public void pendingDeliveries(Supplier<Number> count) {
		pendingDeliveries = count;
		Gauge.builder("itinera_pending_deliveries", count).description("actions not yet delivered").register(registry);
	}

	/** Customers erased since the start, and events of erased customers dropped (at intake or by the engine). */
	public void erasures(Supplier<Number> erased, Supplier<Number> droppedEvents) {
		Gauge.builder("itinera_customers_erased", erased).description("customers erased since the server started").register(registry);
		Gauge.builder("itinera_erased_events_dropped", droppedEvents)
				.description("events of erased customers dropped since the server started").register(registry);
	}

	/** Events, actions and deliveries over the last hour: {@code events accepted}, {@code actions\tCHANNEL\tOUTCOME}, {@code deliveries\tCHANNEL\tSTATUS}. */
	public Map<String, Long> lastHour() {
		return lastHour.totals();
	}

	public long openCircuitsNow() {
		return openCircuits.get().longValue();
	}

	public long pendingDeliveriesNow() {
		return pendingDeliveries.get().longValue();
	}

	public String scrape() {
		return registry.scrape();
	}
}
