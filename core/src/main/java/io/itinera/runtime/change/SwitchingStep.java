package io.itinera.runtime.change;

import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.step.ActionRecord;
import io.itinera.runtime.step.CustomerState;
import io.itinera.runtime.step.SingleJourneyStep;
import io.itinera.runtime.step.StepInput;
import io.itinera.runtime.step.StepResult;
import io.itinera.runtime.step.TimerFired;
import io.itinera.runtime.step.TimerRequest;
import java.util.List;

/**
 * A journey changed mid-flight, for a replay ({@code simulate --compare NEW --switch-at T}): each
 * customer steps on the old version until their own event time reaches T, is then migrated to the
 * new version exactly as {@code itinera migrate} would at T ({@link CustomerMigration}; a stage
 * change with cause {@code migrate} when their stage changes), and goes on with the new version.
 * Inputs at T or later are the new version's. A customer seen before T gets a timer due at T
 * ({@link #TIMER}), set before any other, so the switch comes first among their inputs at T — also
 * for a customer whose next input comes much later, or never (the replay's end fires it).
 */
public final class SwitchingStep implements SingleJourneyStep {
	/** The id of the timer that switches a customer. */
	public static final String TIMER = "switch";
	private static final String EXTENSION = "switch";
	private static final byte[] ARMED = { 1 };
	private static final byte[] SWITCHED = { 2 };

	private final SingleJourneyStep oldStep;
	private final SingleJourneyStep newStep;
	private final CustomerMigration migration;
	private final long switchAt;

	/** @throws IllegalArgumentException when a stage of the old version is gone from the new one without a mapping */
	public SwitchingStep(SingleJourneyStep oldStep, SingleJourneyStep newStep, long switchAt) {
		this.oldStep = oldStep;
		this.newStep = newStep;
		this.migration = new CustomerMigration(oldStep.plan(), newStep.plan());
		this.switchAt = switchAt;
		for (StageMatching.Match match : migration.stages().all()) {
			if (match.how() == StageMatching.How.REMOVED) {
				throw new IllegalArgumentException("stage " + match.oldStage() + " of the old version is gone from the new one and"
						+ " its customers would have nowhere to go: add `" + match.oldStage() + " -> Stage` or `" + match.oldStage()
						+ " -> exit` to the new version's migrate block");
			}
		}
	}

	@Override
	public SingleJourneyStep withoutOwnConsent() {
		return new SwitchingStep(oldStep.withoutOwnConsent(), newStep.withoutOwnConsent(), switchAt);
	}

	/** A send's topic by the version that decided it: the new one's campaigns first, then the old one's. */
	@Override
	public String topicOf(ActionRecord send) {
		String topic = newStep.topicOf(send);
		return topic != null ? topic : oldStep.topicOf(send);
	}

	/** The version it switches to. */
	@Override
	public JourneyPlan plan() {
		return newStep.plan();
	}

	@Override
	public JourneyPlan planOf(CustomerState state) {
		byte[] mark = state.extension(EXTENSION);
		return mark != null && mark[0] == SWITCHED[0] ? newStep.planOf(state) : oldStep.planOf(state);
	}

	@Override
	public CustomerState initialState(String customerId) {
		return oldStep.initialState(customerId);
	}

	@Override
	public StepResult apply(CustomerState state, StepInput input) {
		return step(state, input, false);
	}

	@Override
	public StepResult applyInPlace(CustomerState state, StepInput input) {
		return step(state, input, true);
	}

	private StepResult step(CustomerState state, StepInput input, boolean inPlace) {
		byte[] mark = state.extension(EXTENSION);
		if (mark != null && mark[0] == SWITCHED[0]) {
			return inPlace ? newStep.applyInPlace(state, input) : newStep.apply(state, input);
		}
		if (input.at() < switchAt) {
			StepResult result = inPlace ? oldStep.applyInPlace(state, input) : oldStep.apply(state, input);
			if (mark != null) {
				return result;
			}
			result.state().putExtension(EXTENSION, ARMED);
			return result.withTimerFirst(new TimerRequest(state.customerId(), TIMER, switchAt));
		}
		CustomerMigration.Result moved = migration.apply(state, List.of(), switchAt);
		moved.state().putExtension(EXTENSION, SWITCHED);
		StepResult switched = moved.asStep(switchAt);
		if (input instanceof TimerFired timer && timer.timerId().equals(TIMER)) {
			return switched;
		}
		return switched.then(newStep.applyInPlace(moved.state(), input));
	}
}
