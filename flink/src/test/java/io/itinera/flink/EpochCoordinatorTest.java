package io.itinera.flink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The coordinator's decisions from its subtasks' reports: {@code run}'s epoch boundaries, over any number of subtasks. */
class EpochCoordinatorTest {
	private static final long MAX = Long.MAX_VALUE;

	private static EpochEvents.Report report(long round, long watermark, long exposures, long first, long last) {
		return new EpochEvents.Report(0, round, watermark, new long[][] { { exposures, 1 } }, new long[][] { { 0, exposures / 2 } }, first,
				last, watermark == MAX);
	}

	@Test
	void theInputStartsAtTheEarliestEventOnceEveryWatermarkHasPassedIt() {
		EpochEvents.Decision start = EpochCoordinator.decide(EpochEvents.START,
				List.of(report(EpochEvents.START, 500, 0, 120, 600), report(EpochEvents.START, 400, 0, 90, 450)));
		assertEquals(EpochEvents.Kind.START, start.kind());
		assertEquals(90, start.at());
		// a subtask whose watermark has not passed the earliest event seen: an earlier one may still come
		assertEquals(EpochEvents.Kind.UNDECIDED, EpochCoordinator.decide(EpochEvents.START,
				List.of(report(EpochEvents.START, 500, 0, 120, 600), report(EpochEvents.START, 100, 0, MAX, Long.MIN_VALUE))).kind());
		assertEquals(EpochEvents.Kind.END, EpochCoordinator.decide(EpochEvents.START,
				List.of(report(EpochEvents.START, MAX, 0, MAX, Long.MIN_VALUE), report(EpochEvents.START, MAX, 0, MAX, Long.MIN_VALUE)))
				.kind(), "no event at all");
	}

	@Test
	void aBoundaryIsPublishedWithTheSummedCountsWhenAnEventAtOrAfterItCame() {
		EpochEvents.Decision publish = EpochCoordinator.decide(1000,
				List.of(report(1000, 999, 4, 90, 1000), report(1000, 1200, 6, 95, 990)));
		assertEquals(EpochEvents.Kind.PUBLISH, publish.kind());
		assertArrayEquals(new long[] { 10, 2 }, publish.exposures()[0]);
		assertArrayEquals(new long[] { 0, 5 }, publish.conversions()[0]);
		// no event at or after it yet, and a subtask not at the end: not known
		assertEquals(EpochEvents.Kind.UNDECIDED,
				EpochCoordinator.decide(1000, List.of(report(1000, 999, 4, 90, 998), report(1000, MAX, 6, 95, 990))).kind());
		// every subtask at the end and none past the boundary: the learning is over, as run publishes no boundary after its last event
		assertEquals(EpochEvents.Kind.END,
				EpochCoordinator.decide(1000, List.of(report(1000, MAX, 4, 90, 998), report(1000, MAX, 6, 95, 990))).kind());
	}
}
