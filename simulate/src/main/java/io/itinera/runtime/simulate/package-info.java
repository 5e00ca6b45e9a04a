/**
 * {@code itinera simulate} without the pictures: replays a historical log through one journey, two
 * versions of it or a workspace in event time with the step driver, and counts what happened into
 * figures (funnels, conversions, deliveries, recommendations, differences with confidence intervals).
 * The report module renders them.
 */
package io.itinera.runtime.simulate;
