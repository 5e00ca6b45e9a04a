/**
 * Delivering actions to channels' HTTP endpoints at least once: the delivery file, per-channel lanes
 * with rate limits and circuit breakers, retries with backoff, a ledger in RocksDB and dead
 * deliveries.
 */
package io.itinera.serve.delivery;
