package io.itinera.runtime.plan;

/** Where a plan element was declared: file, 1-based line and column. */
public record SourceLocation(String file, int line, int column) {
	public static final SourceLocation UNKNOWN = new SourceLocation("", 0, 0);

	@Override
	public String toString() {
		return file + ":" + line + ":" + column;
	}
}
