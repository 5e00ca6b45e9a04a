package io.itinera.runtime.rules;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

public class QuickTiming {
	public static void main(String[] args) {
		DroolsCampaignRules rules = DroolsCampaignRules.build(RulesBenchmark.twentyRules());
		CustomerFact[] facts = new CustomerFact[1024];
		SplittableRandom random = new SplittableRandom(42);
		String[] tiers = { "gold", "silver", "bronze" };
		for (int i = 0; i < facts.length; i++) {
			facts[i] = new CustomerFact("c" + i, 0, "Active", true,
					Map.of("tier", tiers[random.nextInt(3)], "country", "DE"),
					Map.of("views", (double) random.nextInt(30), "spend", random.nextDouble(500), "idle", (double) random.nextInt(60)),
					Map.of("intent", random.nextDouble()), Map.of(), List.of("Offers"), Set.of(), null);
		}
		for (int round = 0; round < 6; round++) {
			long start = System.nanoTime();
			int n = 100_000;
			long actions = 0;
			for (int i = 0; i < n; i++) {
				actions += rules.evaluate(facts[i & 1023]).size();
			}
			double s = (System.nanoTime() - start) / 1e9;
			System.out.printf("round %d: %.0f evaluations/s (%d actions)%n", round, n / s, actions);
		}
	}
}
