/**
 * Turns a parsed journey into its plan ({@link io.itinera.runtime.plan.JourneyPlan}), expressions and
 * source locations included; works on broken input for the editor.
 */
package io.itinera.dsl.compiler;
