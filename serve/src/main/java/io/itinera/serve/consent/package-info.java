/**
 * Consent on {@code serve}: one-click unsubscribe links (RFC 8058) signed with the server's secret,
 * the endpoint that answers them through the input log, and the topics of the actions it delivers.
 */
package io.itinera.serve.consent;
