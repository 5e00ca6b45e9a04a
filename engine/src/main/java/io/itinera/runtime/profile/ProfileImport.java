package io.itinera.runtime.profile;

import io.itinera.runtime.driver.CustomerSlot;
import io.itinera.runtime.driver.SlotCodec;
import io.itinera.runtime.driver.StoredCustomers;
import io.itinera.runtime.io.DeadLetter;
import io.itinera.runtime.io.EventSchema;
import io.itinera.runtime.io.EventSource;
import io.itinera.runtime.io.SourceRecord;
import io.itinera.runtime.plan.Attribute;
import io.itinera.runtime.plan.EventType;
import io.itinera.runtime.plan.FieldDecl;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.SourceLocation;
import io.itinera.runtime.state.CustomerRecord;
import io.itinera.runtime.plan.Topic;
import io.itinera.runtime.plan.ValueType;
import io.itinera.runtime.step.Consents;
import io.itinera.runtime.step.CustomerSeeder;
import io.itinera.runtime.step.CustomerState;
import io.itinera.runtime.step.Event;
import io.itinera.runtime.step.JourneyStep;
import io.itinera.runtime.step.PlanStep;
import io.itinera.runtime.step.WorkspaceState;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Loads profile rows into customers' states: a customer not seen yet gets the step's initial state
 * (a profile may come before their first event); each attribute goes into every journey of the state
 * that declares it (a workspace shares it). Values were typed by the parser against {@link #schema};
 * a row that fails is the source's dead letter, handed on with its reason. Changed customers are
 * written in batches.
 */
public final class ProfileImport {
	/** The event type a profile row is read as. */
	public static final String EVENT = "profile";
	private static final int BATCH = 20_000;

	/** What an import did. */
	public record Summary(long rows, long profiles, long newCustomers, long attributesSet, long deadLetters) {
	}

	/** The field of a profile row that says whether the customer is subscribed to a topic: {@code subscribed_TOPIC}. */
	public static final String SUBSCRIBED = "subscribed_";

	private final JourneyStep step;
	private final List<PlanStep> journeys;
	private final List<Topic> topics;
	private final StoredCustomers stored;
	private final Consumer<Map<String, CustomerRecord>> write;

	/**
	 * @param step the run's step (a journey's, or a workspace's: its states are composite)
	 * @param journeys the journeys of the step (one, or the workspace's)
	 * @param write writes a batch of customers durably
	 */
	public ProfileImport(JourneyStep step, List<PlanStep> journeys, List<Topic> topics, StoredCustomers stored,
			Consumer<Map<String, CustomerRecord>> write) {
		this.step = step;
		this.journeys = List.copyOf(journeys);
		this.topics = List.copyOf(topics);
		this.stored = stored;
		this.write = write;
	}

	/**
	 * The schema a profile row is read with: one event type, {@value #EVENT}, whose fields are the
	 * customer attributes the journeys declare, with their types, and a boolean
	 * {@code subscribed_TOPIC} for each subscription topic (the consent the shop's systems hold).
	 *
	 * @throws IllegalArgumentException when two journeys declare one attribute with different types
	 */
	public static EventSchema schema(List<JourneyPlan> plans, List<Topic> topics) {
		Map<String, Attribute> attributes = new LinkedHashMap<>();
		Map<String, String> declaredIn = new HashMap<>();
		for (JourneyPlan plan : plans) {
			for (Attribute attribute : plan.attributes()) {
				Attribute earlier = attributes.putIfAbsent(attribute.name(), attribute);
				if (earlier != null && earlier.type() != attribute.type()) {
					throw new IllegalArgumentException("customer attribute " + attribute.name() + " is " + earlier.type() + " in "
							+ declaredIn.get(attribute.name()) + " but " + attribute.type() + " in " + plan.name()
							+ ": declare it with one type in every journey of the workspace");
				}
				declaredIn.putIfAbsent(attribute.name(), plan.name());
			}
		}
		List<FieldDecl> fields = new ArrayList<>();
		attributes.values().forEach(a -> fields.add(new FieldDecl(a.name(), a.type(), a.location())));
		topics.stream().map(Topic::name).distinct()
				.forEach(topic -> fields.add(new FieldDecl(SUBSCRIBED + topic, ValueType.BOOLEAN, SourceLocation.UNKNOWN)));
		return new EventSchema(List.of(new EventType(EVENT, fields, SourceLocation.UNKNOWN)));
	}

	public Summary load(EventSource rows, Consumer<DeadLetter> deadLetters) throws IOException {
		Map<String, CustomerSlot> batch = new HashMap<>();
		long rowsRead = 0, profiles = 0, fresh = 0, set = 0, dead = 0;
		SourceRecord record;
		while ((record = rows.next()) != null) {
			rowsRead++;
			if (record.deadLetter() != null) {
				dead++;
				deadLetters.accept(record.deadLetter());
				continue;
			}
			Event profile = record.event();
			if (profile == null) {
				continue;
			}
			CustomerSlot slot = batch.get(profile.customerId());
			if (slot == null) {
				byte[] bytes = stored.load(profile.customerId());
				if (bytes == null) {
					slot = CustomerSlot.fresh(profile.customerId(), step.initialState(profile.customerId()));
					fresh++;
				} else {
					slot = SlotCodec.decode(profile.customerId(), bytes);
				}
				batch.put(profile.customerId(), slot);
			}
			set += apply(slot.state(), profile.fields());
			set += consent(slot.state(), profile);
			profiles++;
			if (batch.size() >= BATCH) {
				flush(batch);
			}
		}
		flush(batch);
		return new Summary(rowsRead, profiles, fresh, set, dead);
	}

	private int apply(CustomerState state, Map<String, Object> attributes) {
		int set = 0;
		for (PlanStep journey : journeys) {
			CustomerState part = state instanceof WorkspaceState workspace ? workspace.part(journey.plan().name()) : state;
			if (part == null) {
				continue;
			}
			for (Attribute attribute : journey.plan().attributes()) {
				Object value = attributes.get(attribute.name());
				if (value != null) {
					new CustomerSeeder(journey).setAttribute(part, attribute.name(), value);
					set++;
				}
			}
		}
		return set;
	}

	/** The row's {@code subscribed_TOPIC} values, into the customer's consents (shared by a workspace's journeys). */
	private int consent(CustomerState state, Event profile) {
		if (topics.isEmpty()) {
			return 0;
		}
		Consents consents = Consents.of(state);
		int set = 0;
		for (Topic topic : topics) {
			if (profile.fields().get(SUBSCRIBED + topic.name()) instanceof Boolean subscribed) {
				consents.set(topic.name(), topic.channel().name().toLowerCase(java.util.Locale.ROOT), subscribed, profile.at(),
						"profile import");
				set++;
			}
		}
		if (set > 0) {
			consents.storeIn(state);
		}
		return set;
	}

	private void flush(Map<String, CustomerSlot> batch) {
		if (batch.isEmpty()) {
			return;
		}
		Map<String, CustomerRecord> records = new HashMap<>();
		batch.forEach((id, slot) -> records.put(id, CustomerRecord.of(slot)));
		write.accept(records);
		batch.clear();
	}
}
