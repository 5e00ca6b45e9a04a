/**
 * Hover on a declaration or a reference: its doc comment and definition in markdown.
 */
package io.itinera.dsl.ide.hover;
