package io.itinera.cli.vocabulary;

/**
 * What an {@code itinera} command's exit status means; the README's table lists them. The numbers
 * are those the commands have always used, so scripts written against them keep working.
 */
public enum ExitCode {
	/** Done; for {@code diff}, no changes; for {@code explain}, the replay agrees with what the run wrote. */
	OK(0),
	/**
	 * The command ran and the answer is no: a journey has errors ({@code check}, {@code compile}, …), a test
	 * failed, {@code diff} found changes, {@code migrate} would leave customers nowhere, a customer has no events.
	 */
	FAILED(1),
	/** A wrong option, argument or input, or an error that stopped the command; one line says which and the fix. */
	ERROR(2),
	/** {@code run}, {@code simulate}: more of the log's lines could not be read than {@code --max-bad-lines} allows. */
	TOO_MANY_BAD_LINES(3),
	/** {@code explain}: replaying the customer gave other actions or another state than the run wrote. */
	EXPLAIN_MISMATCH(4),
	/** A fault of itinera itself (a bug): one line, and the stack trace with {@code ITINERA_DEBUG=1}. */
	INTERNAL(70);

	private final int code;

	ExitCode(int code) {
		this.code = code;
	}

	public int code() {
		return code;
	}
}
