/**
 * Xtext's language server adapted to journeys: positions clamped into documents, consistent reads
 * during edits, single-file clients, workspace scanning that skips build and vendor folders.
 */
package io.itinera.dsl.ide.server;
