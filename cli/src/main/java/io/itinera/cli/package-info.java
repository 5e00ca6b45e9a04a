/**
 * The {@code itinera} command line: one picocli command per subcommand (check, compile, run, simulate,
 * serve, flink, explain, migrate, test, …), their shared options, and the adapters that turn files and
 * options into what the core and the hosts run.
 */
package io.itinera.cli;
