/**
 * An in-process KRaft Kafka cluster with topic, producer and consumer helpers, for tests only.
 */
package io.itinera.kafka.testing;
