/**
 * The journey formatter: one declaration a line, blocks indented one level, text skipped by a parser
 * recovering from an error kept as written.
 */
package io.itinera.dsl.formatting2;
