/**
 * Events in and outputs out: reading CSV and JSON Lines logs with a column mapping (computed fields,
 * filters, groups, time formats), the events a journey or a workspace reads, dead letters, and the
 * JSON Lines files a run writes. Also a seeded synthetic shop log for tests and benchmarks, and the
 * wait for work a reader started on a thread of its own.
 */
package io.itinera.runtime.io;
