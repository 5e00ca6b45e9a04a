package io.itinera.runtime.engine;

import io.itinera.runtime.io.DeadLetter;
import io.itinera.runtime.state.PendingScore;
import io.itinera.runtime.step.ActionRecord;
import io.itinera.runtime.step.StageChange;
import io.itinera.runtime.step.TimerRequest;
import java.util.List;
import java.util.Map;

/** A partition's work between two barriers, handed to the committer. */
record PartitionFlush(
		int partition,
		long barrierId,
		List<ActionRecord> actions,
		List<StageChange> stageChanges,
		List<DeadLetter> failedInputs,
		Map<String, byte[]> changedStates,
		Map<String, List<TimerRequest>> changedTimers,
		Map<String, Long> stageDeltas,
		long newCustomers,
		List<PendingScore> pendingScores,
		long pendingTimers) {
}
