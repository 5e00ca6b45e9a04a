/**
 * {@code itinera explain}: one customer's inputs replayed through the same driver and step function a
 * run uses, recorded as a timeline of events, stage changes, rule evaluations and sends, with the
 * values that decided each.
 */
package io.itinera.runtime.explain;
