/**
 * The step function: the {@link io.itinera.runtime.step.JourneyStep} contract (one input and a
 * customer's state in, the new state and its effects out; no clock, no I/O), its implementation for
 * one plan ({@link io.itinera.runtime.step.PlanStep}), the customer state and its codec, and the
 * inputs and effects every host exchanges with it.
 */
package io.itinera.runtime.step;
