package io.itinera.flink;

import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

/**
 * Reads a log file line by line with line numbers, for dead letters that name the line. A file is
 * one split (not splittable), and a restored reader skips the lines already read, so the numbers
 * stay right across restarts. A copy of a log written in another order ({@link ReplayInput}) carries
 * each line's number in the file it came from: {@code NUMBER<TAB>LINE}.
 */
public final class NumberedLineFormat extends SimpleStreamFormat<NumberedLine> {
	private static final long serialVersionUID = 1L;

	private final boolean numbersCarried;

	/** Lines numbered as they come. */
	public NumberedLineFormat() {
		this(false);
	}

	/** @param numbersCarried each line starts with its number and a tab */
	public NumberedLineFormat(boolean numbersCarried) {
		this.numbersCarried = numbersCarried;
	}

	/** A line of a copy: its number, a tab, its text. */
	static String carried(long line, String text) {
		return line + "\t" + text;
	}

	@Override
	public Reader<NumberedLine> createReader(Configuration config, FSDataInputStream stream) {
		Utf8Lines lines = new Utf8Lines(stream);
		return new Reader<>() {
			private long line;

			@Override
			public NumberedLine read() throws IOException {
				String text = lines.next();
				if (text == null) {
					return null;
				}
				line++;
				if (numbersCarried) {
					int tab = text.indexOf('\t');
					return new NumberedLine(Long.parseLong(text, 0, tab, 10), text.substring(tab + 1));
				}
				return new NumberedLine(line, text);
			}

			@Override
			public void close() throws IOException {
				lines.close();
			}
		};
	}

	@Override
	public TypeInformation<NumberedLine> getProducedType() {
		return TypeInformation.of(NumberedLine.class);
	}
}
