/**
 * Semantic highlighting: names coloured by what they denote, as LSP semantic token types.
 */
package io.itinera.dsl.ide.highlighting;
