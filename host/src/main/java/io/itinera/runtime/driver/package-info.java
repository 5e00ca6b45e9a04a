/**
 * The one driver of the step function that every host uses: {@link
 * io.itinera.runtime.driver.StepDriver} orders each customer's inputs and timers, holds late events,
 * batches score requests, and encodes customers' slots and events as bytes for state stores and keyed
 * streams.
 */
package io.itinera.runtime.driver;
