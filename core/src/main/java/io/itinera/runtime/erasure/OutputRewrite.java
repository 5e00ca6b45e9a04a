package io.itinera.runtime.erasure;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Rewrites one JSON Lines file without the lines of erased customers, atomically: the kept lines go
 * to a temporary file beside it, which is synced and then renamed over the original (a kill leaves the
 * old file or the new one, never half of each). The result maps positions of the old file to the new
 * one, so a run's saved output lengths can follow.
 */
public final class OutputRewrite {
	private static final String TEMPORARY_SUFFIX = ".erasure-tmp";

	/** What a rewrite removed: how many lines, and where they were. */
	public record Result(Path file, long linesRemoved, long[] removedEnds, long[] removedBefore) {
		/** The offset in the new file of what was at {@code oldPosition} (a line boundary) in the old one. */
		public long newPosition(long oldPosition) {
			int index = Arrays.binarySearch(removedEnds, 0, (int) linesRemoved, oldPosition);
			int removedLines = index >= 0 ? index + 1 : -index - 1;
			return oldPosition - (removedLines == 0 ? 0 : removedBefore[removedLines - 1]);
		}
	}

	private OutputRewrite() {
	}

	/** Rewrites {@code file} without the lines {@code lines} mentions; a file without any is left untouched. */
	public static Result rewrite(Path file, CustomerLines lines) throws IOException {
		Path temporary = file.resolveSibling(file.getFileName() + TEMPORARY_SUFFIX);
		long removed = 0;
		long[] ends = new long[16];
		long[] before = new long[16];
		long position = 0;
		long removedBytes = 0;
		try (InputStream in = Files.newInputStream(file);
				BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
				OutputStream out = Files.newOutputStream(temporary);
				BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8))) {
			String line;
			while ((line = readLineKeepingEnd(reader)) != null) {
				long length = line.getBytes(StandardCharsets.UTF_8).length;
				position += length;
				if (lines.mentions(line)) {
					if (removed == ends.length) {
						ends = Arrays.copyOf(ends, ends.length * 2);
						before = Arrays.copyOf(before, before.length * 2);
					}
					removedBytes += length;
					ends[(int) removed] = position;
					before[(int) removed] = removedBytes;
					removed++;
				} else {
					writer.write(line);
				}
			}
		}
		if (removed == 0) {
			Files.delete(temporary);
			return new Result(file, 0, ends, before);
		}
		try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
			channel.force(true);
		}
		Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		syncFolder(file.toAbsolutePath().getParent());
		return new Result(file, removed, ends, before);
	}

	/** A line with its end of line, as written, so kept lines keep their bytes; null at the end. */
	private static String readLineKeepingEnd(BufferedReader reader) throws IOException {
		StringBuilder line = new StringBuilder();
		int c;
		while ((c = reader.read()) >= 0) {
			line.append((char) c);
			if (c == '\n') {
				return line.toString();
			}
		}
		return line.isEmpty() ? null : line.toString();
	}

	/** The rename is durable once the folder's entry is (on Linux; elsewhere opening a folder may fail, and the OS syncs it itself). */
	static void syncFolder(Path folder) {
		try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
			channel.force(true);
		} catch (IOException e) {
			// not possible on this platform
		}
	}
}
