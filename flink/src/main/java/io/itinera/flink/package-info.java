/**
 * The step function on Apache Flink: the job graph (log files or a Kafka topic in, JSON Lines files or
 * topics out), the keyed operator that hosts one step driver per subtask, and the job's settings and
 * entry point.
 */
package io.itinera.flink;
