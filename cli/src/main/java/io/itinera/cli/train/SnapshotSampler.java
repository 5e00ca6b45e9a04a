package io.itinera.cli.train;

import io.itinera.runtime.feature.FeatureDefinition;
import io.itinera.runtime.feature.FeatureSlot;
import io.itinera.runtime.plan.Feature;
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
		this.definitions = plan.features().stream().map(FeatureDefinition::of).toList();
		List<String> names = plan.features().stream().map(Feature::name).toList();
		this.inputs = model.inputs().stream().mapToInt(input -> {
			int index = names.indexOf(input);
			if (index < 0) {
				throw new IllegalArgumentException("model " + model.name() + " takes feature " + input
						+ ", which the journey does not declare");
			}
			return index;
		}).toArray();
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
		FeatureSlot[] slots = definitions.stream().map(FeatureDefinition::newSlot).toArray(FeatureSlot[]::new);
		for (int i = 0; i < events.size(); i++) {
			Event event = events.get(i);
			update(slots, event);
			boolean lastOfPeriod = i + 1 == events.size()
					|| Math.floorDiv(events.get(i + 1).at(), everyMillis) != Math.floorDiv(event.at(), everyMillis);
			if (!lastOfPeriod || event.at() + horizonMillis > logEnd) {
				continue;
			}
			float[] row = new float[inputs.length];
			for (int f = 0; f < inputs.length; f++) {
				row[f] = (float) definitions.get(inputs[f]).value(slots[inputs[f]], event.at());
			}
			boolean happens = outcomeFollows(events, i, event.at() + horizonMillis);
			out.add(new Snapshot(event.customerId(), event.at(), row, happens != absent));
		}
	}

	/** The same order as the step function: resets first, then the event counts where it has the value it needs. */
	private void update(FeatureSlot[] slots, Event event) {
		for (int f = 0; f < definitions.size(); f++) {
			if (event.type().equals(definitions.get(f).resetEvent())) {
				definitions.get(f).reset(slots[f]);
			}
		}
		for (int f = 0; f < definitions.size(); f++) {
			FeatureDefinition definition = definitions.get(f);
			Feature feature = definition.feature();
			if (!event.type().equals(feature.event())) {
				continue;
			}
			double value = Double.NaN;
			if (feature.field() != null && event.fields().get(feature.field()) instanceof Number number) {
				value = number.doubleValue();
			}
			if (definition.needsValue() && Double.isNaN(value)) {
				continue;
			}
			definition.record(slots[f], event.at(), value);
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
