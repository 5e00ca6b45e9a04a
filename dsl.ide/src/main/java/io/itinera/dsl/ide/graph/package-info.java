/**
 * The {@code itinera.graph} editor command: the journey being edited as a Mermaid flowchart, stages
 * coloured by phase.
 */
package io.itinera.dsl.ide.graph;
