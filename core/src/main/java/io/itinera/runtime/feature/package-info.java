/**
 * How each kind of feature (running aggregates, sliding windows, last values, recencies, sequences) is
 * kept per customer in a compact slot and read at a point in time.
 */
package io.itinera.runtime.feature;
