package io.itinera.runtime.step;

import io.itinera.runtime.plan.EventType;
import io.itinera.runtime.plan.FieldDecl;
import io.itinera.runtime.plan.SourceLocation;
import io.itinera.runtime.plan.Topic;
import io.itinera.runtime.plan.ValueType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Consent at send time: the subscription topics of a journey or workspace, the events that change a
 * customer's {@link Consents} ({@code unsubscribe} and {@code subscribe}, with optional {@code topic},
 * {@code channel} and {@code source} fields), and whether a send of a topic may go. An {@code opt-out}
 * topic goes unless the customer unsubscribed; an {@code opt-in} topic only once they subscribed; a
 * {@code transactional} topic always. A send naming no topic is not checked.
 */
public final class ConsentPolicy {
	public static final String UNSUBSCRIBE = "unsubscribe";
	public static final String SUBSCRIBE = "subscribe";
	public static final String TOPIC_FIELD = "topic";
	public static final String CHANNEL_FIELD = "channel";
	public static final String SOURCE_FIELD = "source";
	/** How an opt-in topic's consent is missing when the customer never subscribed. */
	public static final String NEVER_SUBSCRIBED = "never subscribed (opt-in topic)";

	/** Why a send may not go: its topic, and when and how the customer withdrew consent ({@code at} 0: never gave it). */
	public record Withheld(String topic, long at, String how) {
	}

	private final Map<String, Topic> topics = new LinkedHashMap<>();

	/**
	 * @throws IllegalArgumentException when one topic (name and channel) is declared twice with different
	 *         kinds (the message names both places)
	 */
	public ConsentPolicy(Collection<Topic> declared) {
		for (Topic topic : declared) {
			String key = key(topic.name(), channelOf(topic));
			Topic earlier = topics.putIfAbsent(key, topic);
			if (earlier != null && earlier.kind() != topic.kind()) {
				throw new IllegalArgumentException(topic.location() + ": topic " + topic.describe() + " is declared "
						+ earlier.describe() + " at " + earlier.location() + "; declare each topic once (in itinera.workspace "
						+ "for a workspace).");
			}
		}
	}

	public boolean isEmpty() {
		return topics.isEmpty();
	}

	public Collection<Topic> topics() {
		return topics.values();
	}

	/** The topic declared with this name on this channel (lower case), or null. */
	public Topic topic(String name, String channel) {
		return name == null || channel == null ? null : topics.get(key(name, channel.toLowerCase(Locale.ROOT)));
	}

	/**
	 * The events a host must read for consent ({@code subscribe}, {@code unsubscribe}: text fields
	 * {@code topic}, {@code channel}, {@code source}), declared at {@code at}.
	 */
	public static List<EventType> consentEvents(SourceLocation at) {
		List<FieldDecl> fields = List.of(new FieldDecl(TOPIC_FIELD, ValueType.STRING, at),
				new FieldDecl(CHANNEL_FIELD, ValueType.STRING, at), new FieldDecl(SOURCE_FIELD, ValueType.STRING, at));
		return List.of(new EventType(SUBSCRIBE, fields, at), new EventType(UNSUBSCRIBE, fields, at));
	}

	public static boolean isConsentEvent(String type) {
		return UNSUBSCRIBE.equals(type) || SUBSCRIBE.equals(type);
	}

	/**
	 * Records what a consent event says in the customer's consents ({@code state}: the journey's own, or
	 * a workspace's composite); other events change nothing. Without a topic it concerns every topic of
	 * its channel but transactional ones (without a channel, of every channel).
	 */
	public void record(CustomerState state, Event event) {
		if (topics.isEmpty() || !isConsentEvent(event.type())) {
			return;
		}
		boolean subscribed = SUBSCRIBE.equals(event.type());
		String topicName = text(event, TOPIC_FIELD);
		String channel = text(event, CHANNEL_FIELD);
		channel = channel == null ? null : channel.toLowerCase(Locale.ROOT);
		String source = text(event, SOURCE_FIELD);
		String how = source != null ? source : event.type() + " event";
		Consents consents = Consents.of(state);
		boolean changed = false;
		for (Topic topic : topics.values()) {
			boolean named = topicName != null ? topic.name().equals(topicName) : topic.kind() != Topic.Kind.TRANSACTIONAL;
			if (named && (channel == null || channel.equals(channelOf(topic)))) {
				changed |= consents.set(topic.name(), channelOf(topic), subscribed, event.at(), how);
			}
		}
		if (changed) {
			consents.storeIn(state);
		}
	}

	/** Null when a send of {@code topic} on {@code channel} may go to the customer now, else why not. */
	public Withheld check(CustomerState state, String topicName, String channel) {
		Topic topic = topic(topicName, channel);
		if (topic == null || topic.kind() == Topic.Kind.TRANSACTIONAL) {
			return null;
		}
		Consents.Consent consent = Consents.of(state).get(topic.name(), channelOf(topic));
		if (topic.kind() == Topic.Kind.OPT_OUT) {
			return consent == null || consent.subscribed() ? null : new Withheld(topic.name(), consent.at(), consent.how());
		}
		if (consent != null && consent.subscribed()) {
			return null;
		}
		return consent == null ? new Withheld(topic.name(), 0, NEVER_SUBSCRIBED) : new Withheld(topic.name(), consent.at(), consent.how());
	}

	/** Every topic of these lists, in order (a workspace's file first, then its journeys'). */
	public static List<Topic> union(List<Topic> first, Collection<List<Topic>> more) {
		List<Topic> all = new ArrayList<>(first);
		more.forEach(all::addAll);
		return all;
	}

	private static String text(Event event, String field) {
		return event.fields().get(field) instanceof String text && !text.isBlank() ? text.trim() : null;
	}

	private static String channelOf(Topic topic) {
		return topic.channel().name().toLowerCase(Locale.ROOT);
	}

	private static String key(String name, String channel) {
		return name + "/" + channel;
	}
}
