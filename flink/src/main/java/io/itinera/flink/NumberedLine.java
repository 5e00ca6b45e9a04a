package io.itinera.flink;

/** One line of input and where it was: its line number in a file, or its offset in a Kafka partition. A Flink POJO. */
public class NumberedLine {
	public long line;
	public String text;

	public NumberedLine() {
	}

	public NumberedLine(long line, String text) {
		this.line = line;
		this.text = text;
	}
}
