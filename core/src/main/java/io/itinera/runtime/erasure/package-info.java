/**
 * Erasure of a customer (GDPR art. 17): the suppression list that keeps only a salted hash of each
 * erased id, so that later events for them are dropped (and counted) on every host, and the rewrite of
 * JSON Lines files without a customer's lines. Depends on nothing else of the runtime.
 */
package io.itinera.runtime.erasure;
