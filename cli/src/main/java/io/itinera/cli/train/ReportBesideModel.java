package io.itinera.cli.train;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a trained model's report beside its .onnx file (models/x.onnx: models/x.report.md) and says what was written. */
final class ReportBesideModel {
	private ReportBesideModel() {
	}

	/** The report file of a model file: its name without .onnx, plus .report.md. */
	private static Path of(Path model) {
		return model.resolveSibling(model.getFileName().toString().replaceFirst("\\.onnx$", "") + ".report.md");
	}

	/** Writes the markdown beside the model, prints the summary and the two files written, and returns the report file. */
	static Path write(Path model, String markdown, String summary, PrintWriter out) throws IOException {
		Path reportFile = of(model);
		Files.writeString(reportFile, markdown);
		out.println(summary);
		out.println("wrote " + model + " and " + reportFile);
		out.flush();
		return reportFile;
	}
}
