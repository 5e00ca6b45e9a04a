package io.itinera.serve.http;

import java.util.OptionalLong;

/** Erases customers for {@code DELETE /v1/customers/{id}}, and says who was erased. */
public interface CustomerEraser {
	/**
	 * Erases the customer everywhere the server keeps them; returns once that is durable.
	 *
	 * @return when the customer was erased (epoch milliseconds)
	 */
	long erase(String customerId) throws Exception;

	/** When the customer was erased, empty when they were not. */
	OptionalLong erasedAt(String customerId);
}
