package io.itinera.runtime.rules;

/**
 * A Drools build error. {@code campaign} is null for the generated rules, else the campaign whose
 * raw block has the error; {@code line} counts from the block's first line (1-based), or from the
 * generated text's for generated rules; 0 when Drools gives no line.
 */
public record DrlProblem(String campaign, int line, int column, String message) {
	public boolean inRawBlock() {
		return campaign != null;
	}

	@Override
	public String toString() {
		return (campaign == null ? "generated DRL" : "drl block of campaign " + campaign) + " line " + line + ": " + message;
	}
}
