/**
 * Delivery settings a host gives the step function (quiet-hours zone, caps over all campaigns), what
 * became of a message that was not simply sent, and the deterministic assignment of customers to split
 * arms.
 */
package io.itinera.runtime.delivery;
