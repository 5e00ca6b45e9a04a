/**
 * {@code itinera serve}: the local engine on the wall clock behind an HTTP API, tailing a write-ahead
 * input log, its actions handed to delivery as they are written, and the views of a customer the API
 * shows.
 */
package io.itinera.serve;
