package io.itinera.runtime.rules;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.drools.compiler.kie.builder.impl.DrlProject;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;

/**
 * Builds a journey's DRL into a {@link KieBase} through Drools' classic DRL path (which reports
 * every error with its line). Each journey gets its own release id, named after the journey and
 * a digest of its DRL: builds under one shared id would replace each other in Drools' repository.
 */
public final class RuleBaseBuilder {
	private static final String GENERATED = "generated.drl";

	/** @throws DrlBuildException when Drools rejects the generated rules or a raw block */
	public KieBase build(JourneyDrl drl) {
		KieServices services = KieServices.Factory.get();
		KieFileSystem files = services.newKieFileSystem();
		ReleaseId releaseId = services.newReleaseId("io.itinera.journeys", artifactId(drl), "1.0.0-" + digest(drl));
		files.generateAndWritePomXML(releaseId);
		String folder = "src/main/resources/" + drl.packageName().replace('.', '/') + "/";
		files.write(folder + GENERATED, drl.generated());
		Map<String, JourneyDrl.RawBlock> rawByPath = new java.util.HashMap<>();
		for (int i = 0; i < drl.rawBlocks().size(); i++) {
			JourneyDrl.RawBlock raw = drl.rawBlocks().get(i);
			String name = "raw" + i + "_" + raw.campaign().replaceAll("[^A-Za-z0-9_]", "_") + ".drl";
			files.write(folder + name, raw.resource());
			rawByPath.put(name, raw);
		}
		KieBuilder builder = services.newKieBuilder(files).buildAll(DrlProject.class);
		List<DrlProblem> problems = new ArrayList<>();
		for (Message message : builder.getResults().getMessages(Message.Level.ERROR)) {
			problems.add(problem(message, rawByPath));
		}
		if (!problems.isEmpty()) {
			services.getRepository().removeKieModule(releaseId);
			throw new DrlBuildException(drl, problems);
		}
		return services.newKieContainer(releaseId).getKieBase();
	}

	private static DrlProblem problem(Message message, Map<String, JourneyDrl.RawBlock> rawByPath) {
		String path = message.getPath() == null ? "" : message.getPath();
		String file = path.substring(path.lastIndexOf('/') + 1);
		JourneyDrl.RawBlock raw = rawByPath.get(file);
		if (raw == null) {
			return new DrlProblem(null, message.getLine(), message.getColumn(), message.getText());
		}
		int line = message.getLine() > raw.headerLines() ? message.getLine() - raw.headerLines() : 0;
		return new DrlProblem(raw.campaign(), line, message.getColumn(), message.getText());
	}

	private static String artifactId(JourneyDrl drl) {
		return "journey-" + drl.journey().replaceAll("[^A-Za-z0-9_.-]", "_");
	}

	private static String digest(JourneyDrl drl) {
		try {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			sha.update(drl.generated().getBytes(StandardCharsets.UTF_8));
			for (JourneyDrl.RawBlock raw : drl.rawBlocks()) {
				sha.update(raw.resource().getBytes(StandardCharsets.UTF_8));
			}
			return HexFormat.of().formatHex(sha.digest(), 0, 8);
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-256 is part of every JVM", e);
		}
	}
}
