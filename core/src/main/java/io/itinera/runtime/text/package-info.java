/**
 * How text from a user's files appears in messages: cut to a length, with control and broken
 * characters escaped. Shared by the language's diagnostics and the hosts' input errors.
 */
package io.itinera.runtime.text;
