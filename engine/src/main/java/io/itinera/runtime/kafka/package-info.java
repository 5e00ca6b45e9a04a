/**
 * {@code itinera run --kafka}: events read from a Kafka topic with the same parser and mapping as a
 * file, and actions written to a topic beside the output files.
 */
package io.itinera.runtime.kafka;
