package io.itinera.flink;

import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.operators.coordination.OperatorCoordinator;
import org.apache.flink.runtime.operators.coordination.OperatorEventDispatcher;
import org.apache.flink.streaming.api.operators.AbstractStreamOperatorFactory;
import org.apache.flink.streaming.api.operators.ChainingStrategy;
import org.apache.flink.streaming.api.operators.CoordinatedOperatorFactory;
import org.apache.flink.streaming.api.operators.OneInputStreamOperatorFactory;
import org.apache.flink.streaming.api.operators.StreamOperator;
import org.apache.flink.streaming.api.operators.StreamOperatorParameters;
import org.apache.flink.streaming.runtime.tasks.mailbox.TaskMailbox;

/**
 * The journey operator of a journey whose splits learn their winner: each subtask talks to an
 * {@link EpochCoordinator} on the job manager (Flink's operator events: the one way back from every
 * subtask to all of them outside the dataflow, which has no cycles), and may wait for its answers at
 * the end of the input (the task's mailbox).
 */
final class LearningOperatorFactory extends AbstractStreamOperatorFactory<OutputRecord>
		implements OneInputStreamOperatorFactory<EventRecord, OutputRecord>, CoordinatedOperatorFactory<OutputRecord> {
	private static final long serialVersionUID = 1L;
	private final JobSettings settings;
	private final byte[] erasureSalt;

	LearningOperatorFactory(JobSettings settings, byte[] erasureSalt) {
		this.settings = settings;
		this.erasureSalt = erasureSalt.clone();
		setChainingStrategy(ChainingStrategy.ALWAYS);
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T extends StreamOperator<OutputRecord>> T createStreamOperator(StreamOperatorParameters<OutputRecord> parameters) {
		OperatorID id = parameters.getStreamConfig().getOperatorID();
		OperatorEventDispatcher events = parameters.getOperatorEventDispatcher();
		// The coordinator's answers come as the task's own mails (the lowest priority): waiting for them at the end of
		// the input yields to every mail, not only to this operator's (which its own executor would).
		JourneyOperator operator = new JourneyOperator(parameters, settings, erasureSalt, events.getOperatorEventGateway(id),
				parameters.getContainingTask().getMailboxExecutorFactory().createExecutor(TaskMailbox.MIN_PRIORITY));
		events.registerEventHandler(id, operator::onEpochDecision);
		return (T) operator;
	}

	@Override
	public OperatorCoordinator.Provider getCoordinatorProvider(String operatorName, OperatorID operatorId) {
		return new EpochCoordinator.Provider(operatorId);
	}

	@Override
	@SuppressWarnings("rawtypes")
	public Class<? extends StreamOperator> getStreamOperatorClass(ClassLoader classLoader) {
		return JourneyOperator.class;
	}
}
