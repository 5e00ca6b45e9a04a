/**
 * Scoring by an inference server over the Open Inference Protocol (KServe v2, HTTP/JSON), as
 * Triton, KServe or Seldon serve models: the model's signature read from the server and bound by
 * the same rules as a file's, batched rows sent as tensors, and what happens when the server
 * cannot answer (retries, a circuit breaker, then holding the customers or a declared score).
 */
package io.itinera.runtime.scoring.remote;
