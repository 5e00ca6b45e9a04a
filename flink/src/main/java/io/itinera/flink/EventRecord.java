package io.itinera.flink;

/**
 * A parsed event on its way to its customer's operator: the customer id (the key), the event in
 * {@code EventCodec}'s bytes, and its line (for dead letters). A Flink POJO, so no Kryo. A record
 * without event bytes is a request to erase the customer ({@link #erasure}).
 */
public class EventRecord {
	public String customerId;
	public long at;
	public long line;
	public byte[] event;

	public EventRecord() {
	}

	public EventRecord(String customerId, long at, long line, byte[] event) {
		this.customerId = customerId;
		this.at = at;
		this.line = line;
		this.event = event;
	}

	/** A request to erase the customer (from the job's erasure input): no event. */
	public static EventRecord erasure(String customerId) {
		return new EventRecord(customerId, 0, 0, null);
	}

	public boolean requestsErasure() {
		return event == null;
	}

	public String getCustomerId() {
		return customerId;
	}
}
