package io.itinera.runtime.engine;

import io.itinera.runtime.io.DeadLetter;
import io.itinera.runtime.state.CustomerRecord;
import io.itinera.runtime.step.ActionRecord;
import io.itinera.runtime.step.DeliveryNotice;
import io.itinera.runtime.step.StageChange;
import java.util.List;
import java.util.Map;

/** A partition's work between two barriers, handed to the committer. */
record PartitionFlush(
		int partition,
		long barrierId,
		List<ActionRecord> actions,
		List<StageChange> stageChanges,
		List<DeliveryNotice> notices,
		List<DeadLetter> failedInputs,
		Map<String, CustomerRecord> changedCustomers,
		Map<String, Long> stageDeltas,
		long newCustomers,
		long pendingTimerDelta,
		long scoreBatches,
		long rowsScored,
		long outOfOrderEvents,
		long lateEvents) {
}
