package io.itinera.runtime.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.plan.SourceLocation;
import io.itinera.runtime.plan.Split;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SplitAssignmentTest {
	private static final SourceLocation AT = SourceLocation.UNKNOWN;

	private static Split split(String name, int... percents) {
		return new Split(name, "Stage", List.of(new Split.Arm(percents[0], "A", false, AT), new Split.Arm(percents[1], null, true, AT)), AT);
	}

	@Test
	void murmur3MatchesTheReferenceImplementation() {
		assertEquals(0, SplitAssignment.murmur3(new byte[0]));
		assertEquals(0x248bfa47, SplitAssignment.murmur3("hello".getBytes(StandardCharsets.UTF_8)));
		assertEquals(0x2e4ff723, SplitAssignment.murmur3("The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void theSameCustomerLandsInTheSameArmOnEveryRunAndMachine() {
		// Pinned: a change of hash, key or mapping would move customers between arms of running tests.
		assertEquals(71, SplitAssignment.place("CartRecovery", "RescueTest", "customer-1"));
		assertEquals(19, SplitAssignment.place("CartRecovery", "RescueTest", "customer-2"));
		assertEquals(SplitAssignment.place("J", "S", "ü-1"), SplitAssignment.place("J", "S", "ü-1"));
	}

	@Test
	void armsGetTheirShare() {
		Split seventyThirty = split("PerksTest", 70, 30);
		int inA = 0;
		for (int i = 0; i < 100_000; i++) {
			if (SplitAssignment.armOf("VipLoyalty", "customer-" + i, seventyThirty).equals("A")) {
				inA++;
			}
		}
		assertTrue(Math.abs(inA - 70_000) < 1_000, "70% of 100,000, was " + inA);
	}

	@Test
	void splitsAndJourneysAssignIndependently() {
		int same = 0;
		for (int i = 0; i < 20_000; i++) {
			String one = SplitAssignment.armOf("J", "c" + i, split("One", 50, 50));
			String two = SplitAssignment.armOf("K", "c" + i, split("One", 50, 50));
			if (one.equals(two)) {
				same++;
			}
		}
		assertTrue(Math.abs(same - 10_000) < 500, "half should agree by chance, was " + same);
	}
}
