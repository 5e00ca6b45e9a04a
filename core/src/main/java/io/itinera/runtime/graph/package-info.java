/**
 * The journey as a JGraphT graph (stages and transitions), its static analyses (unreachable stages,
 * overlapping conditions) and its export as Mermaid or DOT.
 */
package io.itinera.runtime.graph;
