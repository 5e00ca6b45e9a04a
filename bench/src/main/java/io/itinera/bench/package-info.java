/**
 * JMH benchmarks (built only with {@code -Pbench}) of rule evaluation, ONNX scoring and recommendation
 * throughput.
 */
package io.itinera.bench;
