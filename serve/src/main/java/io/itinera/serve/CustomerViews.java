package io.itinera.serve;

import io.itinera.runtime.change.PlanVersion;
import io.itinera.runtime.driver.SlotCodec;
import io.itinera.runtime.driver.StoredCustomers;
import io.itinera.runtime.plan.Feature;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.step.ActionRecord;
import io.itinera.runtime.step.CustomerState;
import io.itinera.runtime.step.CustomerStateReader;
import io.itinera.runtime.step.PlanStep;
import io.itinera.runtime.step.WorkspaceState;
import io.itinera.serve.delivery.DeliveryLedger;
import io.itinera.serve.delivery.DeliveryService;
import io.itinera.serve.http.CustomerReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A customer as the engine has them once every event acknowledged before the request is in (the
 * server asks the engine for a checkpoint and waits for it, a few seconds at most), with the actions of this server's lifetime and their delivery status.
 */
final class CustomerViews implements CustomerReader {
	private final Supplier<LiveJourney.Running> running;
	private final StoredCustomers store;
	private final RecentActions recent;
	private final DeliveryService delivery;
	private final LongSupplier catchUp;

	CustomerViews(Supplier<LiveJourney.Running> running, StoredCustomers store, RecentActions recent, DeliveryService delivery,
			LongSupplier catchUp) {
		this.catchUp = catchUp;
		this.running = running;
		this.store = store;
		this.recent = recent;
		this.delivery = delivery;
	}

	@Override
	public Map<String, Object> describe(String customerId) {
		long behind = catchUp.getAsLong();
		byte[] bytes = store.load(customerId);
		List<ActionRecord> actions = recent.of(customerId);
		if (bytes == null && actions.isEmpty()) {
			return null;
		}
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("customer", customerId);
		view.put("view", behind == 0 ? "current: every event acknowledged before this request is in"
				: "the last checkpoint, " + behind + " bytes of input behind the events acknowledged (the engine is catching up)");
		if (bytes != null) {
			CustomerState state = SlotCodec.decode(customerId, bytes).state();
			LiveJourney.Running journey = running.get();
			String pinned = PlanVersion.pinnedTo(state);
			if (state instanceof WorkspaceState workspace) {
				view.put("journeys", journeys(workspace));
			} else {
				view.put("stage", state.stage());
				view.put("inJourney", state.inJourney());
			}
			view.put("version", pinned != null ? pinned : journey.version());
			if (pinned != null) {
				view.put("pinned", "on version " + pinned + " until they finish; new entries take " + journey.version());
			}
			PlanStep step = journey.stepOf(pinned);
			if (step != null) {
				view.put("features", features(step, state));
				view.put("scores", scores(step.plan(), state));
			}
			view.put("pendingTimers", state.pendingTimers());
			view.put("tags", state.tags());
		} else {
			view.put("stage", null);
		}
		List<Map<String, Object>> shown = new ArrayList<>();
		for (ActionRecord action : actions) {
			Map<String, Object> one = new LinkedHashMap<>();
			one.put("id", action.id());
			one.put("time", Instant.ofEpochMilli(action.at()).toString());
			one.put("campaign", action.campaign());
			one.put("rule", action.rule());
			one.put("kind", action.kind());
			one.put("channel", action.channel());
			one.put("target", action.target());
			DeliveryLedger.Status status = delivery.status(action.id());
			one.put("delivery", status == null ? "internal" : status.name().toLowerCase());
			shown.add(one);
		}
		view.put("recentActions", shown);
		return view;
	}

	private static Map<String, Object> features(PlanStep step, CustomerState state) {
		Map<String, Object> values = new LinkedHashMap<>();
		long now = System.currentTimeMillis();
		CustomerStateReader features = new CustomerStateReader(step.plan());
		for (Feature feature : step.plan().features()) {
			Object value = features.valueOf(state, feature.name(), now, null); // text for the last of a text field
			values.put(feature.name(), value instanceof Double number && Double.isNaN(number) ? null : value);
		}
		return values;
	}

	/** A workspace customer: their stage in each journey. */
	private static Map<String, Object> journeys(WorkspaceState state) {
		Map<String, Object> journeys = new LinkedHashMap<>();
		for (String name : state.partNames()) {
			CustomerState part = state.part(name);
			Map<String, Object> one = new LinkedHashMap<>();
			one.put("stage", part.stage());
			one.put("inJourney", part.inJourney());
			one.put("pendingTimers", part.pendingTimers());
			journeys.put(name, one);
		}
		return journeys;
	}

	private static Map<String, Object> scores(JourneyPlan plan, CustomerState state) {
		Map<String, Object> values = new LinkedHashMap<>();
		for (int i = 0; i < plan.models().size(); i++) {
			double score = state.score(i);
			values.put(plan.models().get(i).name(), Double.isNaN(score) ? null : score);
		}
		return values;
	}
}
