/**
 * Small real ONNX models with known weights, written from the ONNX protobuf classes, for tests and
 * benchmarks.
 */
package io.itinera.testmodels;
