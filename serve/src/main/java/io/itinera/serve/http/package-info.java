/**
 * The server's HTTP API on Javalin: events in, a customer's view out, health and metrics.
 */
package io.itinera.serve.http;
