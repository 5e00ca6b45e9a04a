package io.itinera.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a command that prints one text (compile, graph) puts it: {@code -o FILE}, its folders made, else standard output. */
final class TextOutput {
	private TextOutput() {
	}

	static void write(String text, Path output, PrintWriter standardOutput) throws IOException {
		if (output == null) {
			standardOutput.print(text);
			standardOutput.flush();
			return;
		}
		Path parent = output.toAbsolutePath().getParent();
		if (parent != null) {
			Files.createDirectories(parent);
		}
		Files.writeString(output, text);
	}
}
