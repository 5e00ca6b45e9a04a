package io.itinera.runtime.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/** What a campaign rule does for a customer. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
		@JsonSubTypes.Type(value = Action.Send.class, name = "send"),
		@JsonSubTypes.Type(value = Action.Tag.class, name = "tag"),
		@JsonSubTypes.Type(value = Action.Untag.class, name = "untag"),
		@JsonSubTypes.Type(value = Action.Webhook.class, name = "webhook") })
public sealed interface Action {
	SourceLocation location();

	/**
	 * {@code topic}: the subscription topic it names ({@code send email "x" topic promotions}), else null (its campaign's);
	 * {@code bestHour}: {@code at best hour …}, held until the customer's most engaged hour, else null (sent when decided).
	 */
	record Send(Channel channel, String template, List<Param> params, SourceLocation location, String topic, BestHour bestHour,
			@JsonInclude(JsonInclude.Include.NON_NULL) OfferChoice offerChoice) implements Action {
		public Send {
			params = List.copyOf(params);
		}

		public Send(Channel channel, String template, List<Param> params, SourceLocation location, String topic, BestHour bestHour) {
			this(channel, template, params, location, topic, bestHour, null);
		}

		public Send(Channel channel, String template, List<Param> params, SourceLocation location, String topic) {
			this(channel, template, params, location, topic, null);
		}

		public Send(Channel channel, String template, List<Param> params, SourceLocation location) {
			this(channel, template, params, location, null, null);
		}
	}

	/**
	 * Send-time optimisation ({@code at best hour [from E, …] [fallback HH:MM] [within D]}): the message waits for the
	 * start of the customer's most engaged local hour, counted from the {@code engagementEvents}; until their counts are
	 * trusted, for {@code fallbackMinute} (minute of the day; -1: none, sent when decided). Never held longer than
	 * {@code withinMillis}: when the hour comes later, it goes when decided. See docs/optimise.md.
	 */
	record BestHour(List<String> engagementEvents, int fallbackMinute, long withinMillis, SourceLocation location) {
		public static final long DEFAULT_WITHIN_MILLIS = 24L * 60 * 60 * 1000;

		public BestHour {
			engagementEvents = List.copyOf(engagementEvents);
		}
	}

	/**
	 * {@code with PARAM = best of MODEL among "A", "B" [explore P%]}: the send's {@code param} is the offer with the highest
	 * expected value by {@code model}, whose output has one column per offer in the listed order; with probability
	 * {@code exploreRate} (0..1), decided by a hash of the message's id, one of the offers uniformly at random. The
	 * compiler declares one plan model per offer ({@link #scoreName}), column i of the model's output, so every host
	 * scores it as any other model. See docs/optimise.md, "Best offer per customer".
	 */
	record OfferChoice(String param, String model, List<String> offers, double exploreRate, SourceLocation location) {
		public OfferChoice {
			offers = List.copyOf(offers);
		}

		/** The plan model that scores one offer: {@code OfferValue[SAVE10]}. */
		public static String scoreName(String model, String offer) {
			return model + "[" + offer + "]";
		}
	}

	record Tag(String tag, SourceLocation location) implements Action {
	}

	record Untag(String tag, SourceLocation location) implements Action {
	}

	record Webhook(String url, List<Param> params, SourceLocation location) implements Action {
		public Webhook {
			params = List.copyOf(params);
		}
	}

	/** A named parameter whose value is computed for the customer when the action is decided. */
	record Param(String name, Expr value, SourceLocation location) {
	}
}
