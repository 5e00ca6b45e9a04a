package io.itinera.flink;

import io.itinera.runtime.assembly.AssembledJourney;
import io.itinera.runtime.assembly.AssembledRuntime;
import io.itinera.runtime.assembly.AssembledWorkspace;
import io.itinera.runtime.delivery.SplitWeights;
import io.itinera.runtime.driver.CustomerSlice;
import io.itinera.runtime.driver.CustomerSlot;
import io.itinera.runtime.driver.EventCodec;
import io.itinera.runtime.driver.InputProblems;
import io.itinera.runtime.driver.SlotCodec;
import io.itinera.runtime.driver.StepDriver;
import io.itinera.runtime.driver.StepListener;
import io.itinera.runtime.driver.StoredCustomers;
import io.itinera.runtime.erasure.ErasedCustomers;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.scoring.Scorer;
import io.itinera.runtime.step.ActionRecord;
import io.itinera.runtime.step.DeliveryNotice;
import io.itinera.runtime.step.Event;
import io.itinera.runtime.step.JourneyStep;
import io.itinera.runtime.step.StageChange;
import io.itinera.runtime.step.StepInput;
import io.itinera.runtime.step.StepResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.operators.coordination.OperatorEvent;
import org.apache.flink.runtime.operators.coordination.OperatorEventGateway;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.StreamOperatorParameters;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * The step function on Flink: a keyed operator (key: customer id) that hosts one {@link StepDriver}
 * per subtask over the job's {@link JobJourneys} (one journey's step or a workspace's), so a customer's inputs reach the step function in the same order as in the local
 * engine. Each customer's driver slot lives in Flink's keyed state as {@link SlotCodec} bytes
 * (journey state, clocks, timers, held events); the driver reads it back through
 * {@link StoredCustomers}. Between checkpoints the driver keeps its customers decoded, as {@code run}
 * does: a changed slot is encoded into keyed state only before a checkpoint barrier, at the end of
 * the input, or when the customers in memory pass their bound (then unchanged ones are let go), so a
 * customer with many events in a checkpoint interval is encoded once, not once per event.
 * <ul>
 * <li>Time: a customer's timers and held events are due at {@link CustomerSlot#nextDue()}; an
 * event-time timer at that moment wakes them when the watermark passes it (their own later events
 * fire them sooner, in the driver). Live ({@code wallClock}), the driver's timers fire on Flink's
 * processing-time service instead.</li>
 * <li>Scores: the driver batches the subtask's requests; a batch goes when full, when the watermark
 * moves (before the timers it lets fire), before every checkpoint barrier and at the end, and the
 * answers are applied here, on the task thread.</li>
 * <li>The end of a bounded replay: the final watermark wakes the customers with work due by
 * {@link JobSettings#replayEnd()} (the log's latest event time) and fires it, as the local engine
 * does at the end of its input; those whose next wake-up is later are not read back.</li>
 * </ul>
 */
final class JourneyOperator extends AbstractStreamOperator<OutputRecord>
		implements OneInputStreamOperator<EventRecord, OutputRecord>, Triggerable<String, VoidNamespace>, BoundedOneInput,
		StepListener, StoredCustomers {
	private static final long serialVersionUID = 1L;
	static final String SLOT_STATE = "slot";

	static final String ERASED_STATE = "erased-customers";

	private final JobSettings settings;
	private final byte[] erasureSalt;
	private transient ValueState<byte[]> slots;
	private transient ListState<byte[]> erasedState;
	private transient ErasedCustomers erased;
	private transient Counter customersErased;
	private transient InternalTimerService<VoidNamespace> timers;
	private transient Scorer scorer;
	private transient StepDriver driver;
	private transient Consumer<CustomerSlot> registerChanged;
	/** Slots changed since they were last written to keyed state, by customer id. */
	private transient Map<String, CustomerSlot> unwritten;
	/**
	 * Customers' earliest wake-up timers registered and not yet fired, for as many customers as the
	 * subtask keeps decoded. Not in a checkpoint: after a restore the next due times are registered
	 * again (Flink keeps one timer a time and key).
	 */
	private transient WakeUpTimes wakeUps;
	/** Customers a watermark woke who wait for a score answer: they go on once the watermark's requests are scored together. */
	private transient Set<String> waitingForScores;
	private transient int customersInMemory;
	/** A journey with splits that learn their winner: its epochs ({@link LearningOperatorFactory}); else null. */
	private transient LearningEpochs learning;
	/** Wake-ups fired so far: an epoch's advance goes on until one fires none. */
	private transient long wakeUpsFired;
	private transient HeldEvents heldForEpoch;
	private transient ListState<byte[]> learningDecided;
	private transient ListState<byte[]> learningCounts;
	private final transient OperatorEventGateway epochCoordinator;
	private final transient MailboxExecutor mailbox;

	JourneyOperator(JobSettings settings) {
		this(settings, new byte[16]);
	}

	/** The operator of a journey that learns, talking to its {@link EpochCoordinator}. */
	JourneyOperator(StreamOperatorParameters<OutputRecord> parameters, JobSettings settings, byte[] erasureSalt,
			OperatorEventGateway epochCoordinator, MailboxExecutor mailbox) {
		super(parameters);
		this.settings = settings;
		this.erasureSalt = erasureSalt.clone();
		this.epochCoordinator = epochCoordinator;
		this.mailbox = mailbox;
	}

	/** {@code erasureSalt}: the salt of the job's list of erased customers, unless a savepoint brings one. */
	JourneyOperator(JobSettings settings, byte[] erasureSalt) {
		this.settings = settings;
		this.erasureSalt = erasureSalt.clone();
		this.epochCoordinator = null;
		this.mailbox = null;
	}

	/**
	 * The list of erased customers is operator state that every subtask restores whole (a union), so
	 * it survives rescaling: each subtask keeps the entries of the requests it handled, and on restore
	 * joins every subtask's list (same salt: the first job's).
	 */
	@Override
	public void initializeState(StateInitializationContext context) throws Exception {
		super.initializeState(context);
		erasedState = context.getOperatorStateStore().getUnionListState(
				new ListStateDescriptor<>(ERASED_STATE, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
		erased = null;
		for (byte[] part : erasedState.get()) {
			if (erased == null) {
				erased = ErasedCustomers.fromBytes(part, null);
			} else {
				erased.addAll(part);
			}
		}
		if (erased == null) {
			erased = ErasedCustomers.withSalt(erasureSalt, null);
		}
		if (epochCoordinator != null) {
			learningDecided = context.getOperatorStateStore().getUnionListState(
					new ListStateDescriptor<>("learning-decided", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
			learningCounts = context.getOperatorStateStore().getListState(
					new ListStateDescriptor<>("learning-counts", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
		}
	}

	@Override
	public void snapshotState(StateSnapshotContext context) throws Exception {
		super.snapshotState(context);
		erasedState.update(List.of(erased.toBytes()));
		if (learning != null) {
			learningDecided.update(List.of(learning.decidedBytes()));
			learningCounts.update(List.of(learning.countBytes()));
		}
	}

	@Override
	public ErasedCustomers erasedCustomers() {
		return erased;
	}

	@Override
	public void open() throws Exception {
		super.open();
		slots = getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE,
				new ValueStateDescriptor<>(SLOT_STATE, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
		timers = getInternalTimerService("journey-timers", VoidNamespaceSerializer.INSTANCE, this);
		AssembledRuntime runtime = JobJourneys.of(settings).assemble();
		JourneyStep step = runtime.newStep();
		scorer = runtime.scorer();
		registerChanged = this::registerChanged;
		unwritten = new HashMap<>();
		waitingForScores = new LinkedHashSet<>();
		customersInMemory = settings.customersInMemory(Runtime.getRuntime().maxMemory(),
				getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks());
		wakeUps = new WakeUpTimes(customersInMemory);
		driver = new StepDriver(step, settings.driver(), scorer, this, this);
		customersErased = getMetricGroup().counter("customersErased");
		getMetricGroup().gauge("customersDecoded", this::customersDecoded);
		getMetricGroup().gauge("erasedEventsDropped", erased::droppedEvents);
		if (settings.wallClock()) {
			takeChanged();
			scheduleWallClock();
		}
		if (epochCoordinator != null) {
			openLearning(runtime);
		}
	}

	/** The epochs of the learning splits of the journey or the workspace's journeys, restored from the operator state; held events from the keyed state. */
	@SuppressWarnings("unchecked")
	private void openLearning(AssembledRuntime runtime) throws Exception {
		if (settings.wallClock()) {
			throw new IllegalStateException("splits that learn their winner run in event time (a replay or a Kafka topic), not by the wall clock");
		}
		Map<JourneyPlan, SplitWeights.Board> boards = runtime instanceof AssembledWorkspace workspace ? workspace.splitBoards()
				: Map.of(((AssembledJourney) runtime).plan(), ((AssembledJourney) runtime).splitWeights());
		heldForEpoch = new HeldEvents(getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE,
				new ListStateDescriptor<>(HeldEvents.STATE, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO)),
				(org.apache.flink.runtime.state.KeyedStateBackend<String>) (Object) getKeyedStateBackend());
		learning = new LearningEpochs(boards, getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(),
				settings.replayEnd(), new LearningEpochs.Subtask() {
					@Override
					public void stepHeldBefore(long bound) {
						for (EventRecord held : heldForEpoch.takeBefore(bound)) {
							driver.onEvent(EventCodec.decode(held.customerId, held.event), held.line);
						}
						trimMemory();
					}

					@Override
					public void advanceTo(long time) {
						advanceAllTo(time);
					}

					@Override
					public void send(EpochEvents.Report report) {
						epochCoordinator.sendEventToCoordinator(report);
					}

					@Override
					public void emit(OutputRecord line) {
						output.collect(new StreamRecord<>(line, line.at));
					}
				});
		List<byte[]> decided = new ArrayList<>();
		learningDecided.get().forEach(decided::add);
		List<byte[]> counts = new ArrayList<>();
		learningCounts.get().forEach(counts::add);
		learning.restore(decided, counts);
	}

	/** The coordinator's answer to an epoch's round (on the task thread, from the mailbox). */
	void onEpochDecision(OperatorEvent decision) {
		learning.onDecision((EpochEvents.Decision) decision);
	}

	/**
	 * Fires everything due by {@code time}, as a watermark does, and also what falls due by then on the
	 * way (a customer changed by a score answer gets a wake-up the watermark has passed, which only the
	 * next advance fires): an epoch's counts must hold every input before it.
	 */
	private void advanceAllTo(long time) {
		long fired;
		do {
			fired = wakeUpsFired;
			driver.drainScores();
			takeChanged();
			if (timeServiceManager != null) {
				try {
					timeServiceManager.advanceWatermark(new Watermark(time));
				} catch (Exception e) {
					throw new IllegalStateException("cannot fire the timers due by " + time + ": " + e.getMessage(), e);
				}
			}
			finishWaiting();
		} while (wakeUpsFired != fired);
	}

	@Override
	public void processElement(StreamRecord<EventRecord> record) {
		EventRecord in = record.getValue();
		if (in.requestsErasure()) {
			erase(in.customerId);
			return;
		}
		Event event = EventCodec.decode(in.customerId, in.event);
		if (settings.wallClock()) {
			driver.advanceWallClock(getProcessingTimeService().getCurrentProcessingTime());
		} else if (event.at() > settings.replayEnd()) {
			return; // after the replay's end (itinera flink --to), as run and simulate leave it out
		}
		if (learning != null) {
			learning.received(event.at());
			if (learning.holds(event.at())) {
				heldForEpoch.hold(in);
				return;
			}
		}
		driver.onEvent(event, in.line);
		trimMemory();
	}

	/**
	 * An erasure request: the customer goes on the list (their later events are dropped, counted), their
	 * slot and wake-up timer leave Flink state, and the driver lets go of them.
	 */
	private void erase(String customerId) {
		erased.addWithoutPersisting(customerId, getProcessingTimeService().getCurrentProcessingTime());
		if (!settings.wallClock()) {
			deleteWakeUps(customerId);
			wakeUps.forget(customerId);
		}
		driver.forget(customerId);
		if (heldForEpoch != null) {
			heldForEpoch.forget(customerId);
		}
		takeChanged();
		writeSlot(unwritten.remove(customerId)); // the deletion is written at once, not with the next checkpoint
		customersErased.inc();
	}

	/**
	 * Deletes every wake-up timer of the customer: the one at their next due time and older ones (a due
	 * time that moved later, or went away, leaves its timer until it fires), so none keeps their id. A
	 * scan of the subtask's timers: erasures are rare, and the hot path registers timers without bookkeeping.
	 */
	private void deleteWakeUps(String customerId) {
		List<Long> wakeUps = new ArrayList<>();
		try {
			timers.forEachEventTimeTimer((namespace, time) -> {
				if (customerId.equals(getCurrentKey())) {
					wakeUps.add(time);
				}
			});
		} catch (Exception e) {
			throw new IllegalStateException("cannot read the wake-up timers to erase a customer: " + e.getMessage(), e);
		}
		setCurrentKey(customerId);
		for (long time : wakeUps) {
			timers.deleteEventTimeTimer(VoidNamespace.INSTANCE, time);
		}
	}

	/**
	 * The watermark fires the due wake-ups; the customers they leave waiting for scores are scored in
	 * batches and go on before the watermark is passed downstream ({@link #useInterruptibleTimers()}
	 * keeps Flink from splitting this up).
	 */
	@Override
	public void processWatermark(Watermark mark) throws Exception {
		if (learning != null) {
			learning.onWatermark(mark.getTimestamp()); // timers only up to the next boundary whose weights are not known
			output.emitWatermark(new Watermark(Math.min(mark.getTimestamp(), learning.cap())));
			return;
		}
		driver.drainScores();
		takeChanged(); // the changed customers' timers are registered before this watermark fires them
		if (timeServiceManager != null) {
			timeServiceManager.advanceWatermark(timersDueBy(mark));
		}
		finishWaiting();
		output.emitWatermark(mark);
	}

	/**
	 * The watermark the timers see: a replay's final one fires only the wake-ups due by its end. A
	 * customer whose next wake-up is later has nothing due by then (a held event is due at its own
	 * time, within the replay), so waking them would only read and decode every such customer (all
	 * of a replay whose customers wait for a later timer) to do nothing.
	 */
	private Watermark timersDueBy(Watermark mark) {
		if (mark.getTimestamp() != Long.MAX_VALUE || settings.replayEnd() == Long.MAX_VALUE || settings.wallClock()) {
			return mark;
		}
		return new Watermark(Math.max(settings.replayEnd(), timers.currentWatermark()));
	}

	/** No interruptible timers: {@link #processWatermark} fires a watermark's timers and finishes their customers at once. */
	@Override
	public boolean useInterruptibleTimers() {
		return false;
	}

	@Override
	public void onEventTime(InternalTimer<String, VoidNamespace> timer) {
		if (erased.contains(timer.getKey())) {
			return; // an older wake-up of an erased customer: nothing of theirs is left to wake
		}
		String customerId = timer.getKey();
		wakeUpsFired++;
		wakeUps.fired(customerId, timer.getTimestamp());
		wakeUp(customerId);
	}

	/**
	 * Fires what is due by the watermark for the customer, unless they wait for a score answer: then
	 * they go on in {@link #finishWaiting()}, once the requests of all the customers this watermark woke are
	 * scored together (one request at a time cost a model call each).
	 */
	private void wakeUp(String customerId) {
		long now = Math.min(timers.currentWatermark(), settings.replayEnd());
		if (!driver.advanceCustomerUnlessWaiting(customerId, now)) {
			waitingForScores.add(customerId);
			return;
		}
		takeChanged();
		long due = driver.customer(customerId).nextDue();
		if (due > timers.currentWatermark()) {
			// unchanged by this wake-up but due later, a time no timer may wait for; one due by the
			// watermark (past the replay's end) would fire again at once, and never be due
			wakeUpAt(customerId, due);
		}
		trimMemory(); // a watermark may wake more customers than the subtask keeps decoded
	}

	/** Scores the requests of the customers the watermark left waiting, and lets them go on, until none waits. */
	private void finishWaiting() {
		while (!waitingForScores.isEmpty()) {
			driver.drainScores();
			List<String> waited = new ArrayList<>(waitingForScores);
			waitingForScores.clear();
			for (String customerId : waited) {
				wakeUp(customerId);
			}
		}
	}

	@Override
	public void onProcessingTime(InternalTimer<String, VoidNamespace> timer) {
		// the driver's own wall-clock timers serve live mode (scheduleWallClock)
	}

	@Override
	public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
		driver.drainScores();
		writeUnwritten();
		super.prepareSnapshotPreBarrier(checkpointId);
	}

	@Override
	public void endInput() throws Exception {
		if (learning != null) {
			while (learning.inputEnded() && !learning.ended()) {
				mailbox.yield(); // the coordinator's answers for the epochs up to the end (the input is all in: nothing waits on this task)
			}
			output.emitWatermark(Watermark.MAX_WATERMARK);
		}
		if (settings.wallClock()) {
			driver.releaseAllHeld();
		}
		driver.drainScores();
		writeUnwritten();
	}

	@Override
	public void close() throws Exception {
		if (scorer != null) {
			scorer.close();
		}
		super.close();
	}

	private void scheduleWallClock() {
		long now = getProcessingTimeService().getCurrentProcessingTime();
		long tick = Math.max(1, settings.scoreWaitMicros() / 1000);
		getProcessingTimeService().registerTimer(Math.min(driver.nextWallTimer(), now + tick), time -> {
			driver.advanceWallClock(getProcessingTimeService().getCurrentProcessingTime());
			trimMemory();
			scheduleWallClock();
		});
	}

	/** The slots changed since the last call join the unwritten ones, their wake-up times registered. */
	private void takeChanged() {
		driver.drainChanged(registerChanged);
	}

	private void registerChanged(CustomerSlot slot) {
		unwritten.put(slot.customerId(), slot);
		if (!settings.wallClock()) {
			wakeUpAt(slot.customerId(), slot.nextDue());
		}
	}

	/** A timer at {@code due}, unless one as early or earlier is waiting for the customer. */
	private void wakeUpAt(String customerId, long due) {
		if (due == Long.MAX_VALUE || !wakeUps.claim(customerId, due)) {
			return;
		}
		setCurrentKey(customerId);
		timers.registerEventTimeTimer(VoidNamespace.INSTANCE, due);
	}

	/** Customers the subtask holds decoded now (at most its bound, but for those waiting for a score answer). */
	int customersDecoded() {
		return driver.customersInMemory();
	}

	/** Customers whose earliest wake-up the subtask remembers (at most its bound). */
	int wakeUpTimesHeld() {
		return wakeUps.size();
	}

	/** Past the bound, every changed slot goes to keyed state so that unchanged ones can be let go. */
	private void trimMemory() {
		if (driver.customersInMemory() > customersInMemory) {
			writeUnwritten();
			driver.evictUnchanged(customersInMemory / 4 * 3);
		}
	}

	/** Every changed slot goes back to keyed state (before a checkpoint, at the end, or to free memory). */
	private void writeUnwritten() {
		takeChanged();
		for (CustomerSlot slot : unwritten.values()) {
			writeSlot(slot);
		}
		unwritten.clear();
	}

	private void writeSlot(CustomerSlot slot) {
		setCurrentKey(slot.customerId());
		if (slot.erased()) {
			slots.clear();
			return;
		}
		try {
			slots.update(SlotCodec.encode(slot));
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@Override
	public byte[] load(String customerId) {
		setCurrentKey(customerId);
		try {
			return slots.value();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@Override
	public void forEachWithPendingWork(CustomerSlice slice, Consumer<String> customerId) {
		List<String> keys;
		try (Stream<String> all = getKeyedStateBackend().<VoidNamespace>getKeys(SLOT_STATE, VoidNamespace.INSTANCE)
				.map(String.class::cast)) {
			keys = all.filter(slice::contains).collect(Collectors.toList());
		}
		for (String key : keys) {
			byte[] bytes = load(key);
			if (bytes != null && SlotCodec.decode(key, bytes).hasPendingWork()) {
				customerId.accept(key);
			}
		}
	}

	@Override
	public void onStep(CustomerSlot customer, StepInput input, StepResult result) {
		if (learning != null && !result.armOutcomes().isEmpty()) {
			learning.count(result);
		}
		for (StageChange change : result.stageChanges()) {
			output.collect(new StreamRecord<>(OutputTypes.stageChange(change), change.at()));
		}
		for (ActionRecord action : result.actions()) {
			output.collect(new StreamRecord<>(OutputTypes.action(action), action.at()));
		}
		for (DeliveryNotice notice : result.deliveryNotices()) {
			output.collect(new StreamRecord<>(OutputTypes.suppression(notice), notice.at()));
		}
	}

	@Override
	public void onLateEvent(Event event, long line, long customerClock, long lateness) {
		output.collect(new StreamRecord<>(OutputTypes.deadLetter(InputProblems.late(event, line, customerClock, lateness), event.at()),
				event.at()));
	}

	@Override
	public void onFailedInput(StepInput input, long line, RuntimeException error) {
		output.collect(new StreamRecord<>(OutputTypes.deadLetter(InputProblems.failed(input, line, error), input.at()), input.at()));
	}
}
