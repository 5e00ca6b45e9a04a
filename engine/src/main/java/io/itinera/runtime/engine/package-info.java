/**
 * The local engine behind {@code itinera run} and {@code serve}: a reader that routes events by
 * customer to partition workers (each with a step driver), and a committer that writes their output in
 * a fixed order and checkpoints the state.
 */
package io.itinera.runtime.engine;
