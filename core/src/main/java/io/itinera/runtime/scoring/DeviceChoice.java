package io.itinera.runtime.scoring;

import java.util.Locale;

/** Where a model should run: a CUDA GPU when one is usable ({@code AUTO}), always the CPU, or always a GPU. */
public enum DeviceChoice {
	AUTO, CPU, GPU;

	/** Parses "auto", "cpu" or "gpu" in any case. */
	public static DeviceChoice parse(String text) {
		try {
			return valueOf(text.trim().toUpperCase(Locale.ROOT));
		} catch (IllegalArgumentException e) {
			throw new IllegalArgumentException("unknown device '" + text + "': use auto, cpu or gpu", e);
		}
	}

	/** A model's own choice wins; a model left on auto follows the global choice. */
	public DeviceChoice orElse(DeviceChoice global) {
		return this == AUTO ? global : this;
	}

	@Override
	public String toString() {
		return name().toLowerCase(Locale.ROOT);
	}
}
