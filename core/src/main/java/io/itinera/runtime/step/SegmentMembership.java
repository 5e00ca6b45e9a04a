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

	/** By segment index: whether {@code state} (laid out for this plan, or older) is in it at {@code at}. Reads a copy. */
	public boolean[] of(CustomerState state, long at) {
		CustomerState copy = state.copy();
		journey.fit(copy);
		StepMoment moment = new StepMoment(copy, journey, at, null);
		boolean[] in = new boolean[conditions.length];
		for (int s = 0; s < conditions.length; s++) {
			in[s] = conditions[s].test(moment);
		}
		return in;
	}
}
