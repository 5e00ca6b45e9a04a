/**
 * The Journey language's setup: its Guice bindings and the standalone setup the command line, the
 * language server and tests use.
 */
package io.itinera.dsl;
