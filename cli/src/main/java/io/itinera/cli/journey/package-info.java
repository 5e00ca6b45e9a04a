/**
 * Loading {@code .journey} files with the real language outside an editor, and printing their problems
 * as {@code file:line:col} diagnostics.
 */
package io.itinera.cli.journey;
