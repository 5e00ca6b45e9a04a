package io.itinera.runtime.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.kie.api.KieServices;

class RuleBaseBuilderTest {
	@Test
	void theWarmUpRuleBuildsAndFiresAndLeavesNoModuleInTheRepository() {
		List<RuleAction> decisions = RuleBaseBuilder.buildAndFireWarmUpRule();
		assertEquals(1, decisions.size());
		assertEquals("warm_up", decisions.get(0).target());
		KieServices services = KieServices.Factory.get();
		assertNull(services.getRepository().getKieModule(RuleBaseBuilder.releaseId(services, RuleBaseBuilder.warmUpDrl())));
	}

	@Test
	void aWarmUpRunsOnce() {
		RuleBaseBuilder.WarmUp warmUp = new RuleBaseBuilder.WarmUp();
		AtomicInteger runs = new AtomicInteger();
		assertTrue(warmUp.run(runs::incrementAndGet));
		assertFalse(warmUp.run(runs::incrementAndGet));
		warmUp.beforeBuild();
		assertEquals(1, runs.get());
	}

	@Test
	void noWarmUpAfterABuildHasBegun() {
		RuleBaseBuilder.WarmUp warmUp = new RuleBaseBuilder.WarmUp();
		warmUp.beforeBuild();
		AtomicInteger runs = new AtomicInteger();
		assertFalse(warmUp.run(runs::incrementAndGet));
		assertEquals(0, runs.get());
	}

	@Test
	void aBuildBegunDuringTheWarmUpWaitsForIt() throws Exception {
		RuleBaseBuilder.WarmUp warmUp = new RuleBaseBuilder.WarmUp();
		CountDownLatch warming = new CountDownLatch(1);
		CountDownLatch finish = new CountDownLatch(1);
		CompletableFuture<Boolean> ran = CompletableFuture.supplyAsync(() -> warmUp.run(() -> {
			warming.countDown();
			await(finish);
		}));
		assertTrue(warming.await(10, TimeUnit.SECONDS));
		CompletableFuture<Void> build = CompletableFuture.runAsync(warmUp::beforeBuild);
		Thread.sleep(100);
		assertFalse(build.isDone(), "the build went on while the warm-up was under way");
		finish.countDown();
		build.get(10, TimeUnit.SECONDS);
		assertTrue(ran.get(10, TimeUnit.SECONDS));
	}

	@Test
	void aFailedWarmUpLetsTheBuildGoOn() {
		RuleBaseBuilder.WarmUp warmUp = new RuleBaseBuilder.WarmUp();
		try {
			warmUp.run(() -> {
				throw new IllegalStateException("no rules engine");
			});
		} catch (IllegalStateException expected) {
			// the caller's to drop
		}
		warmUp.beforeBuild();
		assertFalse(warmUp.run(() -> {
		}));
	}

	private static void await(CountDownLatch latch) {
		try {
			assertTrue(latch.await(10, TimeUnit.SECONDS));
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}
}
