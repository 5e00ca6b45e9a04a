package io.itinera.runtime.plan;

/** The type of a customer attribute or an event field. */
public enum ValueType {
	STRING, DECIMAL, INT, BOOLEAN;

	public boolean isNumeric() {
		return this == DECIMAL || this == INT;
	}
}
