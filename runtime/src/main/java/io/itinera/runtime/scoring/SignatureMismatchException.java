package io.itinera.runtime.scoring;

import java.util.List;

/** A model declaration that does not fit the file's real signature; each problem says what the file expects. */
public final class SignatureMismatchException extends Exception {
	private final List<String> problems;

	public SignatureMismatchException(List<String> problems) {
		super(String.join("; ", problems));
		this.problems = List.copyOf(problems);
	}

	public List<String> problems() {
		return problems;
	}
}
