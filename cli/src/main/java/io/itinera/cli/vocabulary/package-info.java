/**
 * What every command of the {@code itinera} command line shares and its subcommand packages read
 * too: the named exit codes, the error a command stops with ({@code CommandError}), the one parser of
 * durations, and the note an old option spelling prints.
 */
package io.itinera.cli.vocabulary;
