/**
 * The language server's launcher: the journey language over LSP on stdin and stdout.
 */
package io.itinera.lsp;
