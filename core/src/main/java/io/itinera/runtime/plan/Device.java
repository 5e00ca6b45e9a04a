package io.itinera.runtime.plan;

/** Where a model should be scored. */
public enum Device {
	AUTO, CPU, GPU
}
