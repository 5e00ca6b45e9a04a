package io.itinera.runtime.step;

import io.itinera.runtime.plan.SamplePlans;
import io.itinera.runtime.rules.CampaignRules;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * Not a test: a quick measure of the step function alone (one thread, rules mocked out, timers
 * fed back through a priority queue). Run: see DESIGN.md, "Measuring the step function".
 */
public final class StepThroughput {
	public static void main(String[] args) {
		int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
		int customers = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
		PlanStep step = new PlanStep(SamplePlans.cartRecovery(), CampaignRules.NONE);
		Event[] log = generate(events, customers);
		for (int round = 0; round < 5; round++) {
			Map<String, CustomerState> states = new HashMap<>(customers * 2);
			PriorityQueue<TimerRequest> timers = new PriorityQueue<>((a, b) -> Long.compare(a.dueAt(), b.dueAt()));
			long actions = 0;
			long changes = 0;
			long started = System.nanoTime();
			for (Event event : log) {
				while (!timers.isEmpty() && timers.peek().dueAt() <= event.at()) {
					TimerRequest due = timers.poll();
					CustomerState state = states.get(due.customerId());
					StepResult fired = step.applyInPlace(state, new TimerFired(due.customerId(), due.timerId(), due.dueAt()));
					timers.addAll(fired.timersToSet());
					changes += fired.stageChanges().size();
				}
				CustomerState state = states.computeIfAbsent(event.customerId(), step::initialState);
				StepResult result = step.applyInPlace(state, event);
				timers.addAll(result.timersToSet());
				actions += result.actions().size();
				changes += result.stageChanges().size();
			}
			double seconds = (System.nanoTime() - started) / 1e9;
			long bytes = 0;
			for (CustomerState state : states.values()) {
				bytes += state.toBytes().length;
			}
			System.out.printf("round %d: %,d events in %.2f s = %,.0f events/s (1 thread); %,d stage changes; "
					+ "state %.0f bytes/customer over %,d customers%n", round, events, seconds, events / seconds, changes,
					(double) bytes / states.size(), states.size());
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
