package io.itinera.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.itinera.runtime.simulate.ComparisonReport;
import io.itinera.runtime.simulate.SimulationReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Writes a report as {@code report.html} and {@code report.json} into a folder. */
public final class ReportFiles {
	public static final String HTML = "report.html";
	public static final String JSON = "report.json";

	private static final ObjectMapper JSON_MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

	private ReportFiles() {
	}

	public static ObjectMapper mapper() {
		return JSON_MAPPER;
	}

	public static Path write(SimulationReport report, Path folder) throws IOException {
		Files.createDirectories(folder);
		JSON_MAPPER.writeValue(folder.resolve(JSON).toFile(), report);
		Path html = folder.resolve(HTML);
		Files.writeString(html, HtmlReport.render(report), StandardCharsets.UTF_8);
		return html;
	}

	/** A workspace's page and figures across its journeys ({@code report.html}, {@code report.json} in the output folder). */
	public static Path write(SimulationReport.WorkspaceDelivery workspace, Path folder) throws IOException {
		Files.createDirectories(folder);
		JSON_MAPPER.writeValue(folder.resolve(JSON).toFile(), workspace);
		Path html = folder.resolve(HTML);
		Files.writeString(html, HtmlReport.render(workspace), StandardCharsets.UTF_8);
		return html;
	}

	public static Path write(ComparisonReport comparison, Path folder) throws IOException {
		Files.createDirectories(folder);
		JSON_MAPPER.writeValue(folder.resolve(JSON).toFile(), comparison);
		Path html = folder.resolve(HTML);
		Files.writeString(html, HtmlReport.render(comparison), StandardCharsets.UTF_8);
		return html;
	}

	/** The figures two versions of a journey disagree on (or share), other minus base; {@code labels} name the two runs. */
	public static ComparisonReport compare(SimulationReport base, SimulationReport other, ComparisonReport.Labels labels) {
		List<ComparisonReport.Difference> differences = new ArrayList<>();
		add(differences, "customers in the journey", base.input().customers(), other.input().customers());
		if (base.goal() != null || other.goal() != null) {
			add(differences, "goal conversion rate (visits)", base.goal() == null ? 0 : base.goal().rate(),
					other.goal() == null ? 0 : other.goal().rate());
			add(differences, "customers converted", base.goal() == null ? 0 : base.goal().customersConverted(),
					other.goal() == null ? 0 : other.goal().customersConverted());
			add(differences, "goal revenue", base.goal() == null ? 0 : base.goal().revenue(),
					other.goal() == null ? 0 : other.goal().revenue());
		}
		add(differences, "actions fired", fired(base), fired(other));
		Map<String, Long> baseStages = new java.util.LinkedHashMap<>();
		base.stages().forEach(s -> baseStages.put(s.name(), s.entered()));
		Map<String, Long> otherStages = new java.util.LinkedHashMap<>();
		other.stages().forEach(s -> otherStages.put(s.name(), s.entered()));
		java.util.Set<String> names = new java.util.LinkedHashSet<>(baseStages.keySet());
		names.addAll(otherStages.keySet());
		for (String name : names) {
			add(differences, "customers entering " + name, baseStages.getOrDefault(name, 0L),
					otherStages.getOrDefault(name, 0L));
		}
		for (int i = 0; i < base.funnel().size() && i < other.funnel().size(); i++) {
			add(differences, "reached " + base.funnel().get(i).phase(), base.funnel().get(i).customers(),
					other.funnel().get(i).customers());
		}
		return new ComparisonReport(labels, base, other, differences);
	}

	private static long fired(SimulationReport report) {
		return report.campaigns().stream().mapToLong(SimulationReport.CampaignFigures::fired).sum();
	}

	private static void add(List<ComparisonReport.Difference> differences, String figure, double base, double other) {
		differences.add(new ComparisonReport.Difference(figure, base, other, other - base));
	}
}
