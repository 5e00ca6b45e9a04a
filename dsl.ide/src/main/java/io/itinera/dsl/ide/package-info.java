/**
 * The journey editor services on top of Xtext's defaults, and their setup as a language server.
 */
package io.itinera.dsl.ide;
