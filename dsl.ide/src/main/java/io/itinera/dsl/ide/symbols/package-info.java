/**
 * The document outline: journey, stages, transitions, campaigns, rules and the other declarations.
 */
package io.itinera.dsl.ide.symbols;
