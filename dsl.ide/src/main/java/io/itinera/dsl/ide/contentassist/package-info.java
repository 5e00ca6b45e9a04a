/**
 * Completion from the journey's own declarations, by the kind each place expects.
 */
package io.itinera.dsl.ide.contentassist;
