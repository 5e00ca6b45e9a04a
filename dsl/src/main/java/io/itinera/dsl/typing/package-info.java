/**
 * The types of condition expressions, computed without reporting; the validator turns mismatches into
 * diagnostics.
 */
package io.itinera.dsl.typing;
