/**
 * Replaying a finite log file: a first pass that finds whether the log is in time order per
 * customer and where its times really end ({@link io.itinera.runtime.replay.LogScan}), an external
 * sort in bounded memory for a log that is not ({@link io.itinera.runtime.replay.SortedLog}), and the
 * reader {@code run}, {@code simulate} and {@code explain} open, which puts the two together
 * ({@link io.itinera.runtime.replay.FileReplay}). Live sources (Kafka, serve) do not come here: they
 * keep the driver's lateness window.
 */
package io.itinera.runtime.replay;
