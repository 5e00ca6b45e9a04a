package io.itinera.serve.delivery;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.itinera.serve.consent.UnsubscribeLinks;
import io.itinera.serve.delivery.AttemptResult.Kind;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One channel's requests: at most {@code concurrency} in flight (one thread each) and
 * {@code ratePerSecond} started per second; each try passes its endpoint's circuit breaker.
 */
final class ChannelLane {
	private final Endpoint endpoint;
	private final HttpClient client;
	private final BiConsumer<Delivery, AttemptResult> onResult;
	private final Function<URI, CircuitBreaker> breakers;
	private final ExecutorService workers;
	private final RateLimiter rate;
	private final UnsubscribeLinks links;
	private final java.util.function.Predicate<Delivery> cancelled;

	/** {@code links}: null for none; {@code cancelled}: a delivery no longer wanted (not tried, its result not reported). */
	ChannelLane(String name, Endpoint endpoint, HttpClient client, BiConsumer<Delivery, AttemptResult> onResult,
			Function<URI, CircuitBreaker> breakers, UnsubscribeLinks links, java.util.function.Predicate<Delivery> cancelled) {
		this.links = links;
		this.cancelled = cancelled;
		this.endpoint = endpoint;
		this.client = client;
		this.onResult = onResult;
		this.breakers = breakers;
		this.workers = new ThreadPoolExecutor(endpoint.concurrency(), endpoint.concurrency(), 30, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), DeliveryService.daemon("itinera-deliver-" + name));
		this.rate = RateLimiter.of(name, RateLimiterConfig.custom()
				.limitForPeriod(endpoint.ratePerSecond())
				.limitRefreshPeriod(Duration.ofSeconds(1))
				.timeoutDuration(Duration.ofDays(1))
				.build());
	}

	void start(Delivery delivery) {
		if (!workers.isShutdown()) {
			workers.execute(() -> {
				if (!cancelled.test(delivery)) {
					onResult.accept(delivery, attempt(delivery));
				}
			});
		}
	}

	private AttemptResult attempt(Delivery delivery) {
		if (!rate.acquirePermission()) {
			return new AttemptResult(Kind.NOT_TRIED, "rate limit", 100, false);
		}
		CircuitBreaker breaker = breakers.apply(delivery.uri());
		if (!breaker.tryAcquirePermission()) {
			return new AttemptResult(Kind.NOT_TRIED, "circuit open", Math.max(50, breaker.getCircuitBreakerConfig()
					.getWaitIntervalFunctionInOpenState().apply(1) / 4), false);
		}
		delivery.tried();
		long started = System.nanoTime();
		try {
			HttpResponse<String> response = client.send(request(delivery), HttpResponse.BodyHandlers.ofString());
			long took = System.nanoTime() - started;
			int status = response.statusCode();
			if (status >= 200 && status < 300) {
				breaker.onSuccess(took, TimeUnit.NANOSECONDS);
				return AttemptResult.DELIVERED_RESULT;
			}
			String error = "HTTP " + status + excerpt(response.body());
			if (status == 429) {
				breaker.onSuccess(took, TimeUnit.NANOSECONDS);
				return new AttemptResult(Kind.RETRY, error,
						Backoff.retryAfterMillis(response.headers().firstValue("Retry-After").orElse(null)), true);
			}
			if (status >= 500 || status == 408) {
				breaker.onError(took, TimeUnit.NANOSECONDS, new IOException(error));
				return new AttemptResult(Kind.RETRY, error,
						Backoff.retryAfterMillis(response.headers().firstValue("Retry-After").orElse(null)), false);
			}
			breaker.onSuccess(took, TimeUnit.NANOSECONDS);
			return new AttemptResult(Kind.PERMANENT, error, -1, false);
		} catch (HttpTimeoutException e) {
			breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, e);
			return new AttemptResult(Kind.RETRY, "no answer within " + endpoint.timeoutMillis() + " ms", -1, false);
		} catch (IOException e) {
			breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, e);
			return new AttemptResult(Kind.RETRY, "connection failed: " + e, -1, false);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			breaker.releasePermission();
			return new AttemptResult(Kind.NOT_TRIED, "stopping", 1_000, false);
		}
	}

	private HttpRequest request(Delivery delivery) {
		Endpoint settings = delivery.endpoint();
		HttpRequest.Builder request = HttpRequest.newBuilder(delivery.uri())
				.timeout(Duration.ofMillis(settings.timeoutMillis()))
				.header("Content-Type", "application/json")
				.header("Idempotency-Key", delivery.action().id())
				.POST(HttpRequest.BodyPublishers.ofString(BodyTemplate.render(settings.body(), delivery.action(), links)));
		settings.headers().forEach(request::header);
		return request.build();
	}

	private static String excerpt(String body) {
		if (body == null || body.isBlank()) {
			return "";
		}
		String line = body.strip().lines().findFirst().orElse("");
		return ": " + (line.length() > 200 ? line.substring(0, 200) + "…" : line);
	}

	/** Interrupts the requests under way and waits for their threads, so none writes to the ledger after it closes. */
	void close() {
		workers.shutdownNow();
		try {
			workers.awaitTermination(10, TimeUnit.SECONDS);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
