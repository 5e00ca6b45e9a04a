/**
 * Customer profiles loaded from a shop's systems (a CRM export, CSV or JSON Lines) into a run's
 * state before or between runs: each row read with the events' parsers and mapping as an event of the
 * reserved type {@value io.itinera.runtime.profile.ProfileImport#EVENT}, typed by the journeys'
 * {@code customer { … }} declarations, and set as attributes in every journey that declares them.
 */
package io.itinera.runtime.profile;
