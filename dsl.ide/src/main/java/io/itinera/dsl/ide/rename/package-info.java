/**
 * Rename that only accepts a new name keeping the journey valid.
 */
package io.itinera.dsl.ide.rename;
