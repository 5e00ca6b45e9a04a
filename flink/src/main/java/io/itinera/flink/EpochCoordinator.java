package io.itinera.flink;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.operators.coordination.OperatorCoordinator;
import org.apache.flink.runtime.operators.coordination.OperatorEvent;

/**
 * The job manager's side of the learning splits' epochs: it gathers every subtask's report of a round
 * ({@link EpochEvents.Report}) and, once all are in, sends all of them the same decision. The sums of
 * the subtasks' counts are the counts a single reader would have had ({@code run}'s), so each subtask
 * computes the same weights from them.
 * <ul>
 * <li>The start: the earliest event of all, once every subtask's watermark has passed it (so no
 * earlier event can still come).</li>
 * <li>A boundary B: published when some subtask received an event at or after B (as {@code run}
 * publishes B when it reads such an event); the end when every subtask is at the end of the input and
 * none did.</li>
 * </ul>
 * It keeps nothing in checkpoints: what was decided is in the subtasks' state, and a restored subtask
 * reports its round again when its watermark passes it again.
 */
final class EpochCoordinator implements OperatorCoordinator {
	private final Context context;
	/** Each subtask's gateway, of its latest execution attempt. */
	private final Map<Integer, SubtaskGateway> gateways = new HashMap<>();
	private final Map<Integer, Integer> attempts = new HashMap<>();
	private final Map<Integer, EpochEvents.Decision> unsent = new HashMap<>();
	/** The reports of the round in progress, by subtask. */
	private final Map<Long, Map<Integer, EpochEvents.Report>> rounds = new HashMap<>();

	EpochCoordinator(Context context) {
		this.context = context;
	}

	/** Creates the coordinator on the job manager. */
	static final class Provider implements OperatorCoordinator.Provider {
		private static final long serialVersionUID = 1L;
		private final OperatorID operatorId;

		Provider(OperatorID operatorId) {
			this.operatorId = operatorId;
		}

		@Override
		public OperatorID getOperatorId() {
			return operatorId;
		}

		@Override
		public OperatorCoordinator create(Context context) {
			return new EpochCoordinator(context);
		}
	}

	@Override
	public void start() {
	}

	@Override
	public void close() {
	}

	@Override
	public void handleEventFromOperator(int subtask, int attemptNumber, OperatorEvent event) {
		EpochEvents.Report report = (EpochEvents.Report) event;
		Map<Integer, EpochEvents.Report> round = rounds.computeIfAbsent(report.round(), r -> new HashMap<>());
		round.put(subtask, report);
		int parallelism = context.currentParallelism();
		if (round.size() < parallelism) {
			return;
		}
		rounds.remove(report.round());
		EpochEvents.Decision decision = decide(report.round(), round.values());
		for (int s = 0; s < parallelism; s++) {
			send(s, decision);
		}
	}

	/** To a subtask whose gateway is not ready yet, when it is; a subtask that fails meanwhile restarts from a checkpoint and reports again. */
	private void send(int subtask, EpochEvents.Decision decision) {
		SubtaskGateway gateway = gateways.get(subtask);
		if (gateway == null) {
			unsent.put(subtask, decision);
		} else {
			gateway.sendEvent(decision);
		}
	}

	/** The decision of a round from every subtask's report of it. */
	static EpochEvents.Decision decide(long round, Iterable<EpochEvents.Report> reports) {
		long first = Long.MAX_VALUE;
		long last = Long.MIN_VALUE;
		long watermark = Long.MAX_VALUE;
		boolean allAtTheEnd = true;
		long[][] exposures = null;
		long[][] conversions = null;
		for (EpochEvents.Report report : reports) {
			first = Math.min(first, report.firstEventAt());
			last = Math.max(last, report.lastEventAt());
			watermark = Math.min(watermark, report.watermark());
			allAtTheEnd &= report.last();
			exposures = add(exposures, report.exposures());
			conversions = add(conversions, report.conversions());
		}
		EpochEvents.Kind kind;
		if (round == EpochEvents.START) {
			kind = first != Long.MAX_VALUE && first <= watermark ? EpochEvents.Kind.START
					: allAtTheEnd ? EpochEvents.Kind.END : EpochEvents.Kind.UNDECIDED;
		} else {
			kind = last >= round ? EpochEvents.Kind.PUBLISH : allAtTheEnd ? EpochEvents.Kind.END : EpochEvents.Kind.UNDECIDED;
		}
		return new EpochEvents.Decision(round, kind, first, exposures, conversions);
	}

	private static long[][] add(long[][] sum, long[][] part) {
		if (sum == null) {
			sum = new long[part.length][];
			for (int s = 0; s < part.length; s++) {
				sum[s] = new long[part[s].length];
			}
		}
		for (int s = 0; s < part.length; s++) {
			for (int a = 0; a < part[s].length; a++) {
				sum[s][a] += part[s][a];
			}
		}
		return sum;
	}

	@Override
	public void checkpointCoordinator(long checkpointId, CompletableFuture<byte[]> result) {
		result.complete(new byte[0]);
	}

	@Override
	public void notifyCheckpointComplete(long checkpointId) {
	}

	@Override
	public void resetToCheckpoint(long checkpointId, byte[] checkpointData) {
		rounds.clear();
		unsent.clear();
	}

	@Override
	public void subtaskReset(int subtask, long checkpointId) {
		rounds.values().forEach(round -> round.remove(subtask));
		unsent.remove(subtask);
	}

	@Override
	public void executionAttemptFailed(int subtask, int attemptNumber, Throwable reason) {
		if (attempts.getOrDefault(subtask, -1) == attemptNumber) {
			gateways.remove(subtask);
		}
	}

	@Override
	public void executionAttemptReady(int subtask, int attemptNumber, SubtaskGateway gateway) {
		gateways.put(subtask, gateway);
		attempts.put(subtask, attemptNumber);
		EpochEvents.Decision waiting = unsent.remove(subtask);
		if (waiting != null) {
			gateway.sendEvent(waiting);
		}
	}
}
