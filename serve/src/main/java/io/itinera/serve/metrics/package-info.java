/**
 * The server's meters, scraped as Prometheus text.
 */
package io.itinera.serve.metrics;
