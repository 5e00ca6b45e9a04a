package io.itinera.runtime.rules;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.drools.compiler.kie.builder.impl.DrlProject;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.runtime.StatelessKieSession;

/**
 * Builds a journey's DRL into a {@link KieBase} through Drools' classic DRL path (which reports
 * every error with its line). Each journey gets its own release id, named after the journey and
 * a digest of its DRL: builds under one shared id would replace each other in Drools' repository.
 */
public final class RuleBaseBuilder {
	private static final String GENERATED = "generated.drl";

	/** One rule in the generated shape (a salience, an activation group, a pattern on the customer, a send). */
	private static final String WARM_UP_RULE = """

			rule "WarmUp :: Send"
			    salience 1
			    activation-group "WarmUp"
			when
			    $customer : CustomerFact( stage in ("Waiting"), isCampaignActive("WarmUp"), getFeature("count") >= 1 )
			then
			    decisions.send("WarmUp", "Send", "email", "warm_up");
			end
			""";

	private static final WarmUp WARM_UP = new WarmUp();

	/**
	 * Loads and initialises what building and running a journey's rules needs (Drools' classes, its DRL parser, the
	 * Java compiler of the consequences and their tables: about 0.4 s of CPU) by building and running one rule of the
	 * generated shape. A command calls it on another thread while it parses its journey, so the build of the journey's
	 * own rules that follows costs a fifth. Does nothing when a build or a warm-up has begun; leaves nothing behind.
	 * A failure here is left to the caller: the journey's own build meets it again and reports it.
	 */
	public static void warmUp() {
		WARM_UP.run(RuleBaseBuilder::buildAndFireWarmUpRule);
	}

	/** Builds the warm-up rule (no module of it is left in Drools' repository) and runs it once; its decisions. */
	static List<RuleAction> buildAndFireWarmUpRule() {
		JourneyDrl drl = warmUpDrl();
		KieServices services = KieServices.Factory.get();
		ReleaseId releaseId = releaseId(services, drl);
		KieBase warm = buildModule(services, releaseId, drl);
		services.getRepository().removeKieModule(releaseId);
		StatelessKieSession session = warm.newStatelessKieSession();
		Decisions decisions = new Decisions();
		session.setGlobal("decisions", decisions);
		session.execute(new CustomerFact("warm-up", 0, "Waiting", true, Map.of(), Map.of("count", 1.0), Map.of(), Map.of(),
				List.of("WarmUp"), Set.of(), null));
		return decisions.drain();
	}

	static JourneyDrl warmUpDrl() {
		return new JourneyDrl("warm-up", "itinera.warmup", DrlGenerator.header("itinera.warmup") + WARM_UP_RULE, List.of());
	}

	/** A JVM's one warm-up: run at most once, never after a build has begun; a build begun during it waits for it. */
	static final class WarmUp {
		private CompletableFuture<Void> begun;

		/** Runs {@code work} unless a warm-up or a build has begun; whether it ran. */
		boolean run(Runnable work) {
			CompletableFuture<Void> mine = new CompletableFuture<>();
			synchronized (this) {
				if (begun != null) {
					return false;
				}
				begun = mine;
			}
			try {
				work.run();
				return true;
			} finally {
				mine.complete(null);
			}
		}

		/** Before a build: waits for a warm-up under way (rather than load the same classes beside it), or rules one out. */
		void beforeBuild() {
			CompletableFuture<Void> under;
			synchronized (this) {
				under = begun;
				if (under == null) {
					begun = CompletableFuture.completedFuture(null);
				}
			}
			if (under != null) {
				under.join();
			}
		}
	}

	/** @throws DrlBuildException when Drools rejects the generated rules or a raw block */
	public KieBase build(JourneyDrl drl) {
		WARM_UP.beforeBuild();
		KieServices services = KieServices.Factory.get();
		return buildModule(services, releaseId(services, drl), drl);
	}

	static ReleaseId releaseId(KieServices services, JourneyDrl drl) {
		return services.newReleaseId("io.itinera.journeys", artifactId(drl), "1.0.0-" + digest(drl));
	}

	private static KieBase buildModule(KieServices services, ReleaseId releaseId, JourneyDrl drl) {
		KieFileSystem files = services.newKieFileSystem();
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
