package io.itinera.runtime.assembly;

/** Why a journey's runtime cannot be assembled, in one line for a user (file, what, the fix). */
public final class AssemblyException extends IllegalStateException {
	/** What stopped the assembly: a host may say the fix its own way (the Flink job names its jar). */
	public enum Reason {
		RAW_DRL_REFUSED, RULES_DO_NOT_BUILD, NO_RULES_ENGINE, NO_SCORER,
		/** A split that learns its winner, on a host that cannot publish its weights at epochs of event time. */
		LEARNING_SPLIT_NOT_SUPPORTED
	}

	private final Reason reason;

	AssemblyException(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	public Reason reason() {
		return reason;
	}
}
