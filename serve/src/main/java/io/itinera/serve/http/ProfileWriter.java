package io.itinera.serve.http;

import java.util.Map;

/** Sets a customer's attributes for {@code PUT /v1/customers/{id}/profile}. */
public interface ProfileWriter {
	/**
	 * Sets the attributes in {@code body} (a JSON object), durably before it returns.
	 *
	 * @return the attributes set, typed
	 * @throws IllegalArgumentException with a reason for the client (not an object, an undeclared attribute, a bad value)
	 */
	Map<String, Object> put(String customerId, byte[] body) throws Exception;
}
