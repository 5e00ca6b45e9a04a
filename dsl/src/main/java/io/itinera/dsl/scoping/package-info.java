/**
 * Which names a reference may resolve to: event fields scoped to their event; the segments a
 * workspace file shares with its journeys.
 */
package io.itinera.dsl.scoping;
