package io.itinera.runtime.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A file written line by line that knows its committed length and can cut back to it. */
final class AppendOnlyFile implements AutoCloseable {
	private final FileChannel channel;
	private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
	private long position;

	AppendOnlyFile(Path file) throws IOException {
		this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
		this.position = channel.size();
		channel.position(position);
	}

	void writeLine(JsonObjectText line) throws IOException {
		int length = line.length();
		writeLine(line.bytes(), length);
	}

	private void writeLine(byte[] bytes, int length) throws IOException {
		if (length + 1 > buffer.remaining()) {
			flush();
		}
		if (length + 1 > buffer.capacity()) {
			ByteBuffer big = ByteBuffer.allocate(length + 1).put(bytes, 0, length).put((byte) '\n').flip();
			while (big.hasRemaining()) {
				channel.write(big);
			}
		} else {
			buffer.put(bytes, 0, length).put((byte) '\n');
		}
		position += length + 1;
	}

	void flush() throws IOException {
		buffer.flip();
		while (buffer.hasRemaining()) {
			channel.write(buffer);
		}
		buffer.clear();
	}

	long sync() throws IOException {
		flush();
		channel.force(false);
		return position;
	}

	void truncate(long length) throws IOException {
		flush();
		if (channel.size() < length) {
			throw new IOException("the output file is shorter (" + channel.size() + " bytes) than the saved run says ("
					+ length + "); it was changed since: start over with an empty --state directory");
		}
		channel.truncate(length);
		channel.position(length);
		position = length;
	}

	@Override
	public void close() throws IOException {
		flush();
		channel.close();
	}
}
