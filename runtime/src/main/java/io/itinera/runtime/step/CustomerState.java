package io.itinera.runtime.step;

/**
 * Everything the journey remembers about one customer. Serialised with {@link #toBytes()} for
 * durable stores; the encoding is compact and versioned.
 * (Placeholder shape fixed by the lead; the runtime core fills in features, timers, caps…)
 */
public final class CustomerState {
	private final String customerId;
	private final String stage;

	private CustomerState(String customerId, String stage) {
		this.customerId = customerId;
		this.stage = stage;
	}

	public static CustomerState initial(String customerId) {
		return new CustomerState(customerId, null);
	}

	public String customerId() {
		return customerId;
	}

	/** The current stage, or null when the customer is not in the journey. */
	public String stage() {
		return stage;
	}

	public byte[] toBytes() {
		throw new UnsupportedOperationException("filled in by the runtime core");
	}

	public static CustomerState fromBytes(byte[] bytes) {
		throw new UnsupportedOperationException("filled in by the runtime core");
	}
}
