package io.itinera.cli.train;

import io.itinera.runtime.feature.FeatureDefinition;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.Model;
import io.itinera.runtime.step.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Replays each customer's events through the runtime's own feature definitions (the code the
 * step function keeps features with) and takes a snapshot of a model's inputs after events, at
 * most one per customer per {@code every} period (the period's last). A snapshot is labelled by
 * whether the outcome event follows within the horizon ({@code absent}: does not follow, e.g.
 * churn). Snapshots whose horizon runs past the end of the log are left out: their label is unknown.
 */
public final class SnapshotSampler {
	private final List<FeatureDefinition> definitions;
	private final int[] inputs;
	private final String outcomeEvent;
	private final long horizonMillis;
	private final boolean absent;
	private final long everyMillis;

	public SnapshotSampler(JourneyPlan plan, Model model, String outcomeEvent, long horizonMillis, boolean absent,
			long everyMillis) {
		this.definitions = FeatureReplay.definitions(plan);
		this.inputs = FeatureReplay.inputIndexes(plan, model.name(), model.inputs());
		this.outcomeEvent = Objects.requireNonNull(outcomeEvent);
		this.horizonMillis = horizonMillis;
		this.absent = absent;
		this.everyMillis = everyMillis;
	}

	public List<Snapshot> sample(Map<String, List<Event>> eventsByCustomer) {
		long logEnd = eventsByCustomer.values().stream().flatMap(List::stream).mapToLong(Event::at).max()
				.orElse(Long.MIN_VALUE);
		List<Snapshot> snapshots = new ArrayList<>();
		for (List<Event> events : eventsByCustomer.values()) {
			sampleCustomer(events, logEnd, snapshots);
		}
		return snapshots;
	}

	private void sampleCustomer(List<Event> events, long logEnd, List<Snapshot> out) {
		FeatureReplay features = new FeatureReplay(definitions);
		for (int i = 0; i < events.size(); i++) {
			Event event = events.get(i);
			features.update(event);
			boolean lastOfPeriod = i + 1 == events.size()
					|| Math.floorDiv(events.get(i + 1).at(), everyMillis) != Math.floorDiv(event.at(), everyMillis);
			if (!lastOfPeriod || event.at() + horizonMillis > logEnd) {
				continue;
			}
			float[] row = features.values(inputs, event.at());
			boolean happens = outcomeFollows(events, i, event.at() + horizonMillis);
			out.add(new Snapshot(event.customerId(), event.at(), row, happens != absent));
		}
	}

	private boolean outcomeFollows(List<Event> events, int from, long until) {
		long now = events.get(from).at();
		for (int j = from + 1; j < events.size() && events.get(j).at() <= until; j++) {
			if (events.get(j).at() > now && events.get(j).type().equals(outcomeEvent)) {
				return true;
			}
		}
		return false;
	}
}
