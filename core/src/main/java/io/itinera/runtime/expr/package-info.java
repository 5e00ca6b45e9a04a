/**
 * Plan expressions compiled once into evaluator trees that read values by index, for the step
 * function's conditions and arithmetic.
 */
package io.itinera.runtime.expr;
