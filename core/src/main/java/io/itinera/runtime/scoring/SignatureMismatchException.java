package io.itinera.runtime.scoring;

import java.util.List;

/** A model declaration that does not fit the file's real signature; each mismatch says what the file expects. */
public final class SignatureMismatchException extends Exception {
	/** Which part of the declaration a mismatch is about. */
	public enum Part { INPUTS, OUTPUT }

	public record Mismatch(Part part, String message) {
	}

	private final List<Mismatch> mismatches;

	public SignatureMismatchException(List<Mismatch> mismatches) {
		super(String.join("; ", mismatches.stream().map(Mismatch::message).toList()));
		this.mismatches = List.copyOf(mismatches);
	}

	public List<Mismatch> mismatches() {
		return mismatches;
	}

	public List<String> problems() {
		return mismatches.stream().map(Mismatch::message).toList();
	}
}
