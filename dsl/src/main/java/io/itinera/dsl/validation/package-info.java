/**
 * The journey validator and its composed checks (caps, graph analyses, raw DRL blocks, models against
 * their ONNX files, recommenders, migrate blocks), their issue codes and the wording of unresolved
 * names.
 */
package io.itinera.dsl.validation;
