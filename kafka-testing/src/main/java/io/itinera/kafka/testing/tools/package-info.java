/**
 * Small programs for trying and measuring {@code itinera run --kafka} by hand: a standalone cluster, a
 * log producer, a consumer-group waiter and a latency probe.
 */
package io.itinera.kafka.testing.tools;
