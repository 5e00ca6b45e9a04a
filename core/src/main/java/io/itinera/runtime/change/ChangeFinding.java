package io.itinera.runtime.change;

import io.itinera.runtime.plan.SourceLocation;

/** What changing a running journey does to its customers, at a line of the new version. */
public record ChangeFinding(Severity severity, SourceLocation location, String message) {
	public enum Severity {
		ERROR, WARNING
	}

	public boolean error() {
		return severity == Severity.ERROR;
	}

	/** file:line:col: error|warning: message, the way {@code itinera check} prints problems. */
	public String format() {
		return location.file() + ":" + location.line() + ":" + location.column() + ": "
				+ severity.name().toLowerCase(java.util.Locale.ROOT) + ": " + message;
	}
}
