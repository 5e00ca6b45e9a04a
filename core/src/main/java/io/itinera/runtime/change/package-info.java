/**
 * Changing a running journey: what differs between two versions of a plan, what the change does to the
 * customers in it, migrating a customer's state to the new version, and the steps that run two
 * versions at once (pinned customers, a switch at a moment).
 */
package io.itinera.runtime.change;
