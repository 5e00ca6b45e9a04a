package io.itinera.runtime.plan;

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

	/** {@code topic}: the subscription topic it names ({@code send email "x" topic promotions}), else null (its campaign's). */
	record Send(Channel channel, String template, List<Param> params, SourceLocation location, String topic) implements Action {
		public Send {
			params = List.copyOf(params);
		}

		public Send(Channel channel, String template, List<Param> params, SourceLocation location) {
			this(channel, template, params, location, null);
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
