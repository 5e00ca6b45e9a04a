/**
 * Which names a reference may resolve to: event fields scoped to their event.
 */
package io.itinera.dsl.scoping;
