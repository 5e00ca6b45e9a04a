/**
 * Syntax errors in the journey's words: what was expected where, placed on the token it should follow.
 */
package io.itinera.dsl.parser;
