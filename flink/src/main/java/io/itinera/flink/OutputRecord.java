package io.itinera.flink;

/**
 * One line of the job's output, already in the engine's JSON Lines form: an action, a stage change,
 * a suppression (a message not simply sent) or a dead letter, with its time (the Kafka record timestamp) and key (customer or action id). A
 * Flink POJO.
 */
public class OutputRecord {
	public static final String ACTION = "actions";
	public static final String STAGE_CHANGE = "stage-changes";
	public static final String DEAD_LETTER = "dead-letters";
	/** Part files only (as {@code run}'s {@code suppressions.jsonl}); no Kafka topic takes them. */
	public static final String SUPPRESSION = "suppressions";
	/** Part files only: the weights of each epoch of the splits that learn their winner ({@code run}'s {@code split-weights.jsonl}). */
	public static final String SPLIT_WEIGHTS = "split-weights";

	/** {@link #ACTION}, {@link #STAGE_CHANGE}, {@link #SUPPRESSION} or {@link #DEAD_LETTER}: also the name of its output folder. */
	public String kind;
	public String key;
	public long at;
	public String json;

	public OutputRecord() {
	}

	public OutputRecord(String kind, String key, long at, String json) {
		this.kind = kind;
		this.key = key;
		this.at = at;
		this.json = json;
	}
}
