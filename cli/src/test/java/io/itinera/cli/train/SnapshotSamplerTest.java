package io.itinera.cli.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.cli.journey.JourneyLoader;
import io.itinera.dsl.compiler.JourneyCompiler;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.step.Event;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotSamplerTest {
	private static final long HOUR = 3_600_000L;
	private static final long DAY = 24 * HOUR;

	@TempDir
	static Path dir;

	static JourneyPlan plan;

	@BeforeAll
	static void compileJourney() throws Exception {
		Path file = Files.writeString(dir.resolve("shop.journey"), """
				journey Shop {
				  entry on cart_add
				  event product_view { productId: string }
				  event cart_add     { price: decimal }
				  event purchase     { amount: decimal }
				  feature views7d   = count(product_view) over 7 days
				  feature cartValue = sum(cart_add.price) since last purchase
				  feature daysIdle  = days since last purchase
				  feature spend90d  = sum(purchase.amount) over 90 days
				  model intent "models/intent.onnx" {
				    inputs views7d, cartValue, daysIdle, spend90d
				    output probability[1]
				  }
				  stage Browsing (awareness) { when intent > 0.6 -> Keen }
				  stage Keen (consideration) { }
				}
				""");
		plan = new JourneyCompiler().compile(new JourneyLoader().load(file).journey());
	}

	@Test
	void snapshotsCarryTheRuntimesFeatureValuesAndTheOutcomeThatFollows() {
		Map<String, List<Event>> events = new LinkedHashMap<>();
		events.put("c1", List.of(
				new Event("c1", 10 * HOUR, "product_view", Map.of("productId", "p1")),
				new Event("c1", 11 * HOUR, "cart_add", Map.of("price", 50.0)),
				new Event("c1", 2 * DAY, "purchase", Map.of("amount", 30.0)),
				new Event("c1", 10 * DAY, "product_view", Map.of("productId", "p2"))));
		events.put("c2", List.of(new Event("c2", 30 * DAY, "product_view", Map.of("productId", "p3"))));

		List<Snapshot> snapshots = new SnapshotSampler(plan, plan.models().get(0), "purchase", 7 * DAY, false, DAY)
				.sample(events);

		assertEquals(3, snapshots.size(), "one per customer-day; c2's horizon runs past the log's end");
		Snapshot firstDay = snapshots.get(0);
		assertEquals(11 * HOUR, firstDay.at(), "the day's last event");
		assertEquals(1f, firstDay.inputs()[0]);
		assertEquals(50f, firstDay.inputs()[1]);
		assertTrue(Float.isNaN(firstDay.inputs()[2]), "no purchase yet: no recency");
		assertTrue(firstDay.positive(), "a purchase follows within 7 days");

		Snapshot afterPurchase = snapshots.get(1);
		assertEquals(30f, afterPurchase.inputs()[3]);
		assertEquals(0f, afterPurchase.inputs()[2]);
		assertFalse(afterPurchase.positive(), "no further purchase within 7 days");

		Snapshot later = snapshots.get(2);
		assertArrayEquals(new float[] {1f, later.inputs()[1], 8f, 30f}, later.inputs());
	}

	@Test
	void anAbsentOutcomeFlipsTheLabel() {
		Map<String, List<Event>> events = Map.of("c1", List.of(
				new Event("c1", 0, "purchase", Map.of("amount", 10.0)),
				new Event("c1", 40 * DAY, "purchase", Map.of("amount", 10.0))));
		List<Snapshot> churn = new SnapshotSampler(plan, plan.models().get(0), "purchase", 30 * DAY, true, DAY)
				.sample(events);
		assertEquals(1, churn.size());
		assertTrue(churn.get(0).positive(), "no purchase in the 30 days after the first: churned");
	}
}
