/**
 * The editor's formatting request, refused for a document that does not parse into a journey.
 */
package io.itinera.dsl.ide.formatting;
