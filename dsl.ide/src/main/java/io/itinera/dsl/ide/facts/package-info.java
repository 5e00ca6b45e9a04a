/**
 * What the editor knows about a journey's declarations: the named ones by kind, and their one-line and
 * markdown summaries.
 */
package io.itinera.dsl.ide.facts;
