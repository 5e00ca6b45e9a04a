/**
 * The compiled journey: plain immutable data ({@link io.itinera.runtime.plan.JourneyPlan} and its
 * stages, transitions, campaigns, features, models, tests) with its versioned JSON form, and the
 * journey-language text of its expressions and transitions. What the compiler produces and every other
 * package reads.
 */
package io.itinera.runtime.plan;
