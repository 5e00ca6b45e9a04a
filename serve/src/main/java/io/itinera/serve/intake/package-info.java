/**
 * Accepting events over HTTP: checked with a log's parser and mapping, appended and synced to the
 * write-ahead input log, which the engine tails; refused events kept with their reasons.
 */
package io.itinera.serve.intake;
