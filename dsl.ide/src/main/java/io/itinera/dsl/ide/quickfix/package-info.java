/**
 * Quick fixes for common mistakes: misspelled or missing names, caps, an {@code otherwise} rule that is
 * not the last.
 */
package io.itinera.dsl.ide.quickfix;
