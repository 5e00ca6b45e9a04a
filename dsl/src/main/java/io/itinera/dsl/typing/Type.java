package io.itinera.dsl.typing;

/** The types a condition's value can have. UNKNOWN stands in for what failed to resolve. */
public enum Type {
	NUMBER("a number"), STRING("a string"), BOOLEAN("a yes/no value"), DURATION("a duration"),
	/** A recommender's items ({@code model.items(3)}): what a send carries, not something to compare. */
	ITEMS("a list of items"), UNKNOWN("unknown");

	private final String description;

	Type(String description) {
		this.description = description;
	}

	/** Numeric for models: durations become days. */
	public boolean isNumeric() {
		return this == NUMBER || this == DURATION;
	}

	public String description() {
		return description;
	}
}
