package io.itinera.runtime.scoring;

import java.nio.file.Path;

/** A model file that cannot be used: missing, or not a readable ONNX model. */
public final class ModelFileException extends Exception {
	public enum Problem { MISSING, CORRUPT }

	private final Path file;
	private final Problem problem;

	public ModelFileException(Path file, Problem problem, String message, Throwable cause) {
		super(message, cause);
		this.file = file;
		this.problem = problem;
	}

	public Path file() {
		return file;
	}

	public Problem problem() {
		return problem;
	}
}
