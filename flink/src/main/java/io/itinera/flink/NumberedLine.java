package io.itinera.flink;

/**
 * One line of input and where it was: its line number in a file, or its offset in a Kafka partition.
 * A source that reads its lines as events (Kafka: its per-partition watermarks need event times)
 * carries the event instead of the text. A Flink POJO.
 */
public class NumberedLine {
	public long line;
	public String text;
	/** The event its source read from the line, or null: the text is still to be read. */
	public EventRecord event;

	public NumberedLine() {
	}

	public NumberedLine(long line, String text) {
		this.line = line;
		this.text = text;
	}

	/** A line its source read as an event. */
	public static NumberedLine read(long line, EventRecord event) {
		NumberedLine read = new NumberedLine(line, null);
		read.event = event;
		return read;
	}
}
