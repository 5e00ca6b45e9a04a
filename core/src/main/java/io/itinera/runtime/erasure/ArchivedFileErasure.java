package io.itinera.runtime.erasure;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Blanks the lines of erased customers in a file nobody writes any more (an input log segment moved to
 * an archive) by an atomic rewrite: a copy with each such line overwritten with spaces (its end of
 * line kept, so the file keeps its length and every line its offset) is synced and renamed over the
 * file, so a kill leaves the old file or the new one, never half of each. A file that mentions none of
 * the customers is only read.
 */
public final class ArchivedFileErasure {
	/** The suffix of the copy being written; a leftover of a killed erasure is deleted by the next one. */
	public static final String TEMPORARY_SUFFIX = ".erasing";

	private ArchivedFileErasure() {
	}

	/** @return how many lines were blanked */
	public static long blank(Path file, CustomerLines lines) throws IOException {
		if (!Files.isRegularFile(file) || copy(file, lines, OutputStream.nullOutputStream()) == 0) {
			return 0;
		}
		Path temporary = file.resolveSibling(file.getFileName() + TEMPORARY_SUFFIX);
		long blanked;
		try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16)) {
			blanked = copy(file, lines, out);
		}
		try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
			channel.force(true);
		}
		Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		syncFolder(file.toAbsolutePath().getParent());
		return blanked;
	}

	/** Copies {@code file} to {@code out}, the lines that mention a customer as spaces; returns how many. */
	private static long copy(Path file, CustomerLines lines, OutputStream out) throws IOException {
		long blanked = 0;
		try (InputStream in = Files.newInputStream(file)) {
			byte[] chunk = new byte[1 << 16];
			ByteArrayOutputStream line = new ByteArrayOutputStream();
			int read;
			while ((read = in.read(chunk)) > 0) {
				int start = 0;
				for (int i = 0; i < read; i++) {
					if (chunk[i] == '\n') {
						line.write(chunk, start, i - start);
						blanked += writeLine(line, lines, out);
						out.write('\n');
						line.reset();
						start = i + 1;
					}
				}
				line.write(chunk, start, read - start);
			}
			blanked += writeLine(line, lines, out); // a last line without an end of line
		}
		return blanked;
	}

	private static int writeLine(ByteArrayOutputStream line, CustomerLines lines, OutputStream out) throws IOException {
		if (line.size() > 0 && lines.mentions(line.toString(StandardCharsets.UTF_8))) {
			byte[] spaces = new byte[line.size()];
			java.util.Arrays.fill(spaces, (byte) ' ');
			out.write(spaces);
			return 1;
		}
		line.writeTo(out);
		return 0;
	}

	private static void syncFolder(Path folder) {
		try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
			channel.force(true);
		} catch (IOException e) {
			// not every file system syncs a folder; the rename is atomic either way
		}
	}
}
