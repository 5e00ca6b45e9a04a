package io.itinera.bench;

import io.itinera.runtime.rules.CustomerFact;
import io.itinera.runtime.rules.DroolsCampaignRules;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Rule evaluations per second of CPU time (not wall time) for {@link RulesBenchmark}'s 20-rule
 * campaign: a figure that holds on a machine shared with other work, where JMH's wall-clock
 * throughput does not. Run: {@code java -cp bench/target/benchmarks.jar io.itinera.bench.RulesCpuProbe}.
 */
public final class RulesCpuProbe {
	private RulesCpuProbe() {
	}

	public static void main(String[] args) {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		DroolsCampaignRules rules = DroolsCampaignRules.build(RulesBenchmark.twentyRules());
		CustomerFact[] facts = new CustomerFact[1024];
		SplittableRandom random = new SplittableRandom(42);
		String[] tiers = { "gold", "silver", "bronze" };
		for (int i = 0; i < facts.length; i++) {
			facts[i] = new CustomerFact("c" + i, 0, "Active", true, Map.of("tier", tiers[random.nextInt(3)], "country", "DE"),
					Map.of("views", (double) random.nextInt(30), "spend", random.nextDouble(500), "idle", (double) random.nextInt(60)),
					Map.of("intent", random.nextDouble()), Map.of(), List.of("Offers"), Set.of(), null);
		}
		int evaluations = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
		for (int round = 0; round < 8; round++) {
			long wall = System.nanoTime();
			long cpu = threads.getCurrentThreadCpuTime();
			long actions = 0;
			for (int i = 0; i < evaluations; i++) {
				actions += rules.evaluate(facts[i & 1023]).size();
			}
			double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
			double wallSeconds = (System.nanoTime() - wall) / 1e9;
			System.out.printf("round %d: %,.0f evaluations per CPU second (%,.0f per wall second), %d actions%n", round,
					evaluations / cpuSeconds, evaluations / wallSeconds, actions);
		}
	}
}
