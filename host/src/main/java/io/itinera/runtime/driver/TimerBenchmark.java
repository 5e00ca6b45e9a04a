package io.itinera.runtime.driver;

import java.util.SplittableRandom;

/**
 * Measures the timer queue: sets {@code timers} timers for distinct customers at random due
 * times over 30 days, replaces a quarter, cancels a quarter, then fires them all in order.
 */
public final class TimerBenchmark {
	public record Result(int timers, double setPerSecond, double cancelPerSecond, double firePerSecond, long fired) {
	}

	private TimerBenchmark() {
	}

	public static Result run(int timers, long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		TimerService service = new TimerService();
		String[] customers = new String[timers];
		for (int i = 0; i < timers; i++) {
			customers[i] = "c" + i;
		}
		long span = 30L * 86_400_000L;
		long start = System.nanoTime();
		for (int i = 0; i < timers; i++) {
			service.set(customers[i], "Carted/after", random.nextLong(span));
		}
		long setNanos = System.nanoTime() - start;
		start = System.nanoTime();
		int changes = timers / 2;
		for (int i = 0; i < changes; i++) {
			String customer = customers[random.nextInt(timers)];
			if ((i & 1) == 0) {
				service.set(customer, "Carted/after", random.nextLong(span));
			} else {
				service.cancel(customer, "Carted/after");
			}
		}
		long cancelNanos = System.nanoTime() - start;
		start = System.nanoTime();
		long fired = 0;
		while (service.pollDue(Long.MAX_VALUE) != null) {
			fired++;
		}
		long fireNanos = System.nanoTime() - start;
		return new Result(timers, timers * 1e9 / setNanos, changes * 1e9 / cancelNanos, fired * 1e9 / Math.max(1, fireNanos),
				fired);
	}
}
