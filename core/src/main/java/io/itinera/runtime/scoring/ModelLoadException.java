package io.itinera.runtime.scoring;

/** A model the scorer cannot load; the message names the model, the file and what to do. */
public final class ModelLoadException extends Exception {
	public ModelLoadException(String message, Throwable cause) {
		super(message, cause);
	}
}
