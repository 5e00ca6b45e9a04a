/**
 * Scoring customers with models: the {@link io.itinera.runtime.scoring.Scorer} contract, ONNX models
 * and recommenders run through DJL's ONNX Runtime engine (kept offline), and the ONNX signature reader
 * that checks a declaration against its file without ONNX Runtime.
 */
package io.itinera.runtime.scoring;
