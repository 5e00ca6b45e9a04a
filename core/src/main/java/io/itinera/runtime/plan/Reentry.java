package io.itinera.runtime.plan;

/**
 * When a customer who left may enter again: never, or once {@code afterMillis} have passed since
 * they left.
 */
public record Reentry(boolean never, long afterMillis, SourceLocation location) {
	public static Reentry never(SourceLocation location) {
		return new Reentry(true, 0, location);
	}

	public static Reentry after(long afterMillis, SourceLocation location) {
		return new Reentry(false, afterMillis, location);
	}
}
