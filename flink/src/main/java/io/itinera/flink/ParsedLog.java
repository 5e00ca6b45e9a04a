package io.itinera.flink;

import io.itinera.runtime.io.EventSource;
import io.itinera.runtime.io.SourceRecord;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

/**
 * A log in time order as a local replay's first pass read it, so that the job's source does not
 * parse it again: the first pass parses every line in full ({@link Writing}) and writes each event
 * as the record it travels in to its customer (line, time, customer, {@code EventCodec} bytes), and
 * each line that was not one as its number and text, which {@link EventParsing} reads again into
 * the same dead letter; lines the mapping skips are left out. {@link Format} reads the records
 * back. Like a sorted copy, one split: a restored reader skips the records already read.
 */
final class ParsedLog {
	private static final int EVENT = 0;
	private static final int LINE = 1;

	private ParsedLog() {
	}

	/** The records of {@code source}, passed on, each written to {@code file} as it goes by. */
	static final class Writing implements EventSource {
		private final EventSource source;
		private final DataOutputStream out;

		Writing(EventSource source, Path file) throws IOException {
			this.source = source;
			this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
		}

		@Override
		public SourceRecord next() throws IOException {
			SourceRecord record = source.next();
			if (record == null) {
				return null;
			}
			if (record.event() != null) {
				EventRecord event = EventLines.record(record.event(), record.lineNumber());
				out.writeByte(EVENT);
				out.writeLong(event.line);
				out.writeLong(event.at);
				writeText(event.customerId);
				out.writeInt(event.event.length);
				out.write(event.event);
			} else if (record.deadLetter() != null) {
				out.writeByte(LINE);
				out.writeLong(record.lineNumber());
				writeText(record.text());
			}
			return record;
		}

		private void writeText(String text) throws IOException {
			byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
			out.writeInt(bytes.length);
			out.write(bytes);
		}

		@Override
		public long position() {
			return source.position();
		}

		@Override
		public long lineNumber() {
			return source.lineNumber();
		}

		@Override
		public void resumeAt(long position, long lineNumber) {
			throw new UnsupportedOperationException("written once, from the start");
		}

		@Override
		public long size() {
			return source.size();
		}

		/** Closes the file written; {@code source} is its caller's to close. */
		@Override
		public void close() throws IOException {
			out.close();
		}
	}

	/** Reads the records back: events as lines already read, the other lines as text. */
	static final class Format extends SimpleStreamFormat<NumberedLine> {
		private static final long serialVersionUID = 1L;

		@Override
		public Reader<NumberedLine> createReader(Configuration config, FSDataInputStream stream) {
			DataInputStream in = new DataInputStream(new BufferedInputStream(stream, 1 << 16));
			return new Reader<>() {
				@Override
				public NumberedLine read() throws IOException {
					int kind = in.read();
					if (kind < 0) {
						return null;
					}
					long line = in.readLong();
					if (kind == LINE) {
						return new NumberedLine(line, readText());
					}
					if (kind != EVENT) {
						throw new IOException("not a parsed log: record kind " + kind + " at line " + line);
					}
					long at = in.readLong();
					String customerId = readText();
					byte[] event = new byte[in.readInt()];
					in.readFully(event);
					return NumberedLine.read(line, new EventRecord(customerId, at, line, event));
				}

				private String readText() throws IOException {
					int length = in.readInt();
					if (length < 0) {
						throw new EOFException("a cut record");
					}
					byte[] bytes = new byte[length];
					in.readFully(bytes);
					return new String(bytes, StandardCharsets.UTF_8);
				}

				@Override
				public void close() throws IOException {
					in.close();
				}
			};
		}

		@Override
		public TypeInformation<NumberedLine> getProducedType() {
			return OutputTypes.LINE;
		}
	}
}
