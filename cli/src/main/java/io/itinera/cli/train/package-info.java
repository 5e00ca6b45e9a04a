/**
 * {@code itinera train}: snapshots of customers' features replayed with the runtime's own feature
 * code, a logistic regression trained on them with Tribuo, its evaluation, and its export as an ONNX
 * model a journey can score with.
 */
package io.itinera.cli.train;
