package io.itinera.runtime.rules;

/**
 * Drools failed while evaluating a journey's rules for a customer (a constraint or a consequence
 * threw). The message is one line naming the journey's file and line of the rule, what failed and
 * what to check; hosts report it as it is, never with a stack trace.
 */
public final class RuleEvaluationException extends RuntimeException {
	public RuleEvaluationException(String message, Throwable cause) {
		super(message, cause);
	}

	/** One line, so a host can put it after its own words ("the journey step failed on this event: …"). */
	@Override
	public String toString() {
		return getMessage();
	}
}
