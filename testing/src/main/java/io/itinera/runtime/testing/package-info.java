/**
 * Runs the tests written in a journey ({@code test "…" { given … expect … }}) through the real step
 * function and rules, and reports the expectations that did not hold.
 */
package io.itinera.runtime.testing;
