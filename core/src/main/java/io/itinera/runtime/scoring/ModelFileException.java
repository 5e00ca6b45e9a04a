package io.itinera.runtime.scoring;

import java.nio.file.Path;

/** A model file that cannot be used: missing, or not a readable ONNX model. */
public final class ModelFileException extends Exception {
	public enum Problem { MISSING, CORRUPT }

	private final Path file;
	private final Problem problem;
	private final String reason;

	/** @param reason what is wrong, without the file name: "does not exist", "is not a readable ONNX model (…)" */
	public ModelFileException(Path file, Problem problem, String reason, Throwable cause) {
		super("model file " + file + " " + reason, cause);
		this.file = file;
		this.problem = problem;
		this.reason = reason;
	}

	public String reason() {
		return reason;
	}

	public Path file() {
		return file;
	}

	public Problem problem() {
		return problem;
	}
}
