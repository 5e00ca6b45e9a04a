/**
 * Where a run's customers, progress and written-action ledger live between checkpoints and across
 * restarts (RocksDB, or the heap for tests), and the atomic rewrites of a store when a run moves its
 * customers to a new journey version ({@code migrate}, {@code run --pin-old}).
 */
package io.itinera.runtime.state;
