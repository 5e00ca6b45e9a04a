/**
 * The simulation report as files: one self-contained HTML page with inline SVG charts and the
 * journey's graph laid out and drawn here, and {@code report.json}. Reads only the simulator's figures
 * and the core.
 */
package io.itinera.report;
