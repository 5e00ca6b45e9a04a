/**
 * Many journeys over one stream: the workspace file and settings, the plans as one text, the step that
 * runs them all for a customer with shared caps and quiet hours, their scorers behind one, and the
 * workspace's own tests.
 */
package io.itinera.runtime.workspace;
