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

	record Send(Channel channel, String template, List<Param> params, SourceLocation location) implements Action {
		public Send {
			params = List.copyOf(params);
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
