package io.itinera.runtime.step;

import io.itinera.runtime.expr.CompiledExpr;
import io.itinera.runtime.expr.ExprCompiler;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.Segment;
import java.util.Arrays;
import java.util.List;

/**
 * Which of a plan's declared segments a customer is in at a moment, as the step would evaluate them:
 * for counting segments over the customers of a run's state ({@code itinera segments}).
 */
public final class SegmentMembership {
	private final CompiledJourney journey;
	private final List<String> names;
	private final CompiledExpr[] conditions;

	public SegmentMembership(JourneyPlan plan) {
		this.journey = new CompiledJourney(plan);
		this.names = plan.segments().stream().map(Segment::name).toList();
		List<String> features = Arrays.asList(journey.featureNames);
		List<String> models = Arrays.asList(journey.modelNames);
		List<String> attributes = Arrays.asList(journey.attributeNames);
		ExprCompiler compiler = new ExprCompiler(features::indexOf, models::indexOf, attributes::indexOf);
		this.conditions = plan.segments().stream().map(segment -> compiler.compile(segment.condition())).toArray(CompiledExpr[]::new);
	}

	/** The declared segments, in declaration order. */
	public List<String> names() {
		return names;
	}

	/**
	 * By segment index: whether {@code state} (laid out for this plan, or older) is in it at {@code at}.
	 * Only reads: a state laid out otherwise is read through a copy laid out for the plan.
	 */
	public boolean[] of(CustomerState state, long at) {
		CustomerState read = state;
		if (!laidOut(state)) {
			read = state.copy();
			journey.fit(read);
		}
		StepMoment moment = new StepMoment(read, journey, at, null);
		boolean[] in = new boolean[conditions.length];
		for (int s = 0; s < conditions.length; s++) {
			in[s] = conditions[s].test(moment);
		}
		return in;
	}

	/** Whether the state has the plan's features, scores and attributes where a condition reads them. */
	private boolean laidOut(CustomerState state) {
		if (state.features.length != journey.featureNames.length || state.scores.length != journey.modelNames.length
				|| state.recommendations.length != journey.modelNames.length || state.attributes.length != journey.attributeNames.length) {
			return false;
		}
		for (Object slot : state.features) {
			if (slot == null) {
				return false;
			}
		}
		return true;
	}
}
