package io.itinera.runtime.step;

import io.itinera.runtime.plan.SamplePlans;
import io.itinera.runtime.rules.CampaignRules;
import io.itinera.runtime.driver.CustomerSlot;
import io.itinera.runtime.testing.StepHarness;
import java.util.Map;
import java.util.Random;

/**
 * Not a test: a quick measure of the step function as every host runs it, through the
 * {@link StepHarness} (one thread, the real {@code StepDriver}, rules left out, the model's score
 * requests left unanswered, timers fired by the driver in its one order). Run it from the runtime module's test classpath:
 * {@code java -cp runtime/target/classes:runtime/target/test-classes:$(cat cp.txt) io.itinera.runtime.step.StepThroughput [events [customers]]}.
 */
public final class StepThroughput {
	public static void main(String[] args) {
		int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
		int customers = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
		PlanStep step = new PlanStep(SamplePlans.cartRecovery(), CampaignRules.NONE);
		Event[] log = generate(events, customers);
		for (int round = 0; round < 5; round++) {
			StepHarness harness = StepHarness.of(step);
			long[] counts = new long[2];
			long started = System.nanoTime();
			for (int i = 0; i < log.length; i++) {
				harness.event(log[i]);
				if ((i & 4095) == 4095) {
					count(harness, counts);
				}
			}
			harness.finish(log[log.length - 1].at());
			count(harness, counts);
			double seconds = (System.nanoTime() - started) / 1e9;
			long bytes = 0;
			int states = 0;
			for (CustomerSlot slot : harness.driver().customers()) {
				bytes += slot.state().toBytes().length;
				states++;
			}
			System.out.printf("round %d: %,d events in %.2f s = %,.0f events/s (1 thread); %,d actions, %,d stage changes; "
					+ "state %.0f bytes/customer over %,d customers%n", round, events, seconds, events / seconds, counts[0],
					counts[1], (double) bytes / states, states);
		}
	}

	/** Adds the actions and stage changes applied since the last call to {@code counts}. */
	private static void count(StepHarness harness, long[] counts) {
		for (StepHarness.Applied applied : harness.takeApplied()) {
			counts[0] += applied.result().actions().size();
			counts[1] += applied.result().stageChanges().size();
		}
	}

	static Event[] generate(int events, int customers) {
		Random random = new Random(42);
		Event[] log = new Event[events];
		long at = 1_750_000_000_000L;
		long spanMillis = 30L * 86_400_000L;
		long gap = spanMillis / events;
		String[] categories = { "shoes", "shirts", "bags", "hats" };
		for (int i = 0; i < events; i++) {
			at += 1 + random.nextInt((int) Math.max(1, 2 * gap));
			String customer = "c" + random.nextInt(customers);
			int kind = random.nextInt(100);
			double price = Math.round(random.nextDouble() * 20000) / 100.0;
			if (kind < 70) {
				log[i] = new Event(customer, at, "product_view", Map.of("productId", "p" + random.nextInt(500), "category",
						categories[random.nextInt(categories.length)], "price", price));
			} else if (kind < 92) {
				log[i] = new Event(customer, at, "cart_add", Map.of("price", price));
			} else {
				log[i] = new Event(customer, at, "purchase", Map.of("amount", price, "items", 1L, "gift", false));
			}
		}
		return log;
	}

	private StepThroughput() {
	}

}
