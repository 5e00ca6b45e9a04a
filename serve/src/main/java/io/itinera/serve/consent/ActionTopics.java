package io.itinera.serve.consent;

import io.itinera.runtime.plan.Topic;
import io.itinera.runtime.step.ActionRecord;
import io.itinera.runtime.step.ConsentPolicy;
import io.itinera.runtime.step.JourneyStep;
import io.itinera.runtime.step.SingleJourneyStep;
import io.itinera.runtime.workspace.WorkspaceStep;
import java.util.HashMap;
import java.util.Map;

/** The subscription topic of a decided send, as the step that decided it names it (a journey's, or a workspace journey's). */
public final class ActionTopics {
	/** Knows no topics: every send is without one. */
	public static final ActionTopics NONE = new ActionTopics(new ConsentPolicy(java.util.List.of()), new HashMap<>());

	private final ConsentPolicy policy;
	private final Map<String, SingleJourneyStep> journeys;

	private ActionTopics(ConsentPolicy policy, Map<String, SingleJourneyStep> journeys) {
		this.policy = policy;
		this.journeys = journeys;
	}

	public static ActionTopics of(JourneyStep step) {
		if (step instanceof WorkspaceStep workspace) {
			Map<String, SingleJourneyStep> byName = new HashMap<>();
			workspace.journeys().forEach(journey -> byName.put(journey.plan().name(), journey));
			return new ActionTopics(workspace.consent(), byName);
		}
		if (step instanceof SingleJourneyStep journey) {
			Map<String, SingleJourneyStep> alone = new HashMap<>();
			alone.put(null, journey);
			return new ActionTopics(new ConsentPolicy(journey.plan().topics()), alone);
		}
		return NONE;
	}

	public ConsentPolicy policy() {
		return policy;
	}

	/** The declared topic of a send (null: names none, or not a send). */
	public Topic of(ActionRecord action) {
		if (!"send".equals(action.kind())) {
			return null;
		}
		SingleJourneyStep journey = journeys.get(action.journey());
		return journey == null ? null : policy.topic(journey.topicOf(action), action.channel());
	}
}
