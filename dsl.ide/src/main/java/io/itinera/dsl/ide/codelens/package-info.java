/**
 * Code lenses above each stage: transitions in and out, campaign rules that apply.
 */
package io.itinera.dsl.ide.codelens;
