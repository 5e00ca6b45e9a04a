package io.itinera.runtime.simulate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.itinera.runtime.simulate.LearningFigures.SplitWeight;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code split-weights.jsonl}, the weights an auto-winner split ({@code split … auto winner by goal}) gave
 * its arms over time: one JSON object a line, {@code {"epochStart": "2025-03-02T12:00:00Z", "split": "Offers", "arm": "SaveTen",
 * "exposures": 1200, "conversions": 150, "weight": 0.82}} (older files: {@code epoch}, a number or a time), for the report's
 * "weights over time".
 */
public final class SplitWeightsFile {
	public static final String FILE = "split-weights.jsonl";
	private static final ObjectMapper JSON = new ObjectMapper();

	private SplitWeightsFile() {
	}

	/** The file's lines in order; @throws IllegalArgumentException naming the file, the line and what is wrong */
	public static List<SplitWeight> read(Path file) throws IOException {
		List<SplitWeight> weights = new ArrayList<>();
		try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			String line;
			int number = 0;
			while ((line = lines.readLine()) != null) {
				number++;
				if (!line.isBlank()) {
					weights.add(parse(file, number, line));
				}
			}
		}
		return weights;
	}

	private static SplitWeight parse(Path file, int number, String line) {
		JsonNode node;
		try {
			node = JSON.readTree(line);
		} catch (JsonProcessingException e) {
			throw new IllegalArgumentException(file + ": line " + number + ": not JSON: " + e.getOriginalMessage());
		}
		String where = file + ": line " + number + ": ";
		if (node == null || !node.isObject()) {
			throw new IllegalArgumentException(where + "not a JSON object");
		}
		String epoch = node.hasNonNull("epochStart") ? "epochStart" : "epoch";
		for (String field : List.of(epoch, "split", "arm", "exposures", "conversions", "weight")) {
			if (!node.hasNonNull(field)) {
				throw new IllegalArgumentException(where + "has no \"" + field
						+ "\" (a line is {\"epochStart\", \"split\", \"arm\", \"exposures\", \"conversions\", \"weight\"})");
			}
		}
		for (String field : List.of("exposures", "conversions", "weight")) {
			if (!node.get(field).isNumber()) {
				throw new IllegalArgumentException(where + "\"" + field + "\" is not a number");
			}
		}
		return new SplitWeight(node.get(epoch).asText(), node.get("split").asText(), node.get("arm").asText(),
				node.get("exposures").asLong(), node.get("conversions").asLong(), node.get("weight").asDouble());
	}

	/** The report with the weights in {@code folder}'s {@code split-weights.jsonl}, when there is one. */
	public static SimulationReport addTo(SimulationReport report, Path folder) throws IOException {
		Path file = folder.resolve(FILE);
		if (report.learning() == null || !Files.isRegularFile(file)) {
			return report;
		}
		return report.withLearning(report.learning().withSplitWeights(read(file)));
	}
}
