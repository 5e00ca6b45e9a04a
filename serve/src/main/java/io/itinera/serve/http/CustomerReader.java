package io.itinera.serve.http;

import java.util.Map;

/** What the API shows of one customer; null when the journey has never seen them. */
@FunctionalInterface
public interface CustomerReader {
	Map<String, Object> describe(String customerId);
}
