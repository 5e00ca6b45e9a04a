/**
 * Finding the element under the cursor, also in a document that does not parse into a journey.
 */
package io.itinera.dsl.resource;
