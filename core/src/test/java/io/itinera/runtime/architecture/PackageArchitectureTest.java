package io.itinera.runtime.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The design's rules on dependencies, read from the main sources of every module of the project:
 * no package depends on itself through others (no cycles, across all modules); the core never uses
 * a host (its packages use only core packages); each module of the step function's family uses only
 * the modules beneath it (the report only the figures and the core); none of them uses Xtext or the
 * language; no package is split over two modules; and every package says what it holds in a
 * {@code package-info.java}. The poms enforce the module directions at compile time; this test
 * checks the packages, which a pom cannot.
 */
class PackageArchitectureTest {
	private static final Path PROJECT = Path.of("..");
	private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+);", Pattern.MULTILINE);
	/** A use of a project class: its package is everything before the first capitalised part. */
	private static final Pattern PROJECT_CLASS = Pattern.compile("\\b(io\\.itinera(?:\\.[a-z]\\w*)+)\\.[A-Z]");

	/** The modules of the step function's family and the modules each may use (itself included). */
	private static final Map<String, Set<String>> MAY_USE = Map.of(
			"core", Set.of("core"),
			"host", Set.of("core", "host"),
			"engine", Set.of("core", "host", "engine"),
			"simulate", Set.of("core", "host", "simulate"),
			"report", Set.of("core", "simulate", "report"),
			"testing", Set.of("core", "host", "testing"));

	private static final List<Source> SOURCES = new ArrayList<>();
	/** Package → the modules whose main sources declare it. */
	private static final Map<String, Set<String>> MODULES_OF = new TreeMap<>();

	private record Source(Path file, String module, String pkg, String text, Set<String> uses) {
	}

	@BeforeAll
	static void readSources() throws IOException {
		SOURCES.clear();
		MODULES_OF.clear();
		for (Path file : mainSources()) {
			String text = Files.readString(file);
			Matcher declared = PACKAGE.matcher(text);
			if (!declared.find()) {
				continue;
			}
			String pkg = declared.group(1);
			Set<String> uses = new TreeSet<>();
			Matcher used = PROJECT_CLASS.matcher(text);
			while (used.find()) {
				if (!used.group(1).equals(pkg)) {
					uses.add(used.group(1));
				}
			}
			String module = PROJECT.relativize(file).getName(0).toString();
			SOURCES.add(new Source(file, module, pkg, text, uses));
			MODULES_OF.computeIfAbsent(pkg, p -> new TreeSet<>()).add(module);
		}
		assertTrue(MODULES_OF.size() > 30, "the sources were found: " + MODULES_OF.keySet());
		assertTrue(MODULES_OF.keySet().containsAll(List.of("io.itinera.runtime.step", "io.itinera.runtime.driver", "io.itinera.report")),
				"the step function's modules were read: " + MODULES_OF.keySet());
	}

	@Test
	void noPackageCycles() {
		Graph<String, DefaultEdge> packages = new DefaultDirectedGraph<>(DefaultEdge.class);
		for (Source source : SOURCES) {
			packages.addVertex(source.pkg());
			for (String to : source.uses()) {
				packages.addVertex(to);
				packages.addEdge(source.pkg(), to);
			}
		}
		List<Set<String>> cycles = new ArrayList<>();
		for (Set<String> component : new KosarajuStrongConnectivityInspector<>(packages).stronglyConnectedSets()) {
			if (component.size() > 1) {
				cycles.add(new TreeSet<>(component));
			}
		}
		assertEquals(List.of(), cycles, "packages that depend on each other");
	}

	@Test
	void theCoreUsesNoHostAndEachModuleOnlyTheOnesBeneathIt() {
		List<String> offenders = new ArrayList<>();
		for (Source source : SOURCES) {
			Set<String> allowed = MAY_USE.get(source.module());
			if (allowed == null) {
				continue;
			}
			for (String used : source.uses()) {
				Set<String> modules = MODULES_OF.getOrDefault(used, Set.of("(no module: " + used + ")"));
				if (!allowed.containsAll(modules)) {
					offenders.add(source.module() + ": " + source.pkg() + " uses " + used + " of " + modules + " in " + source.file());
				}
			}
		}
		assertEquals(List.of(), offenders, "a module uses one it may not (see MAY_USE and DESIGN.md's module table)");
	}

	@Test
	void theReportUsesOnlyTheFiguresAndTheCore() {
		List<String> offenders = new ArrayList<>();
		for (Source source : SOURCES) {
			if (!source.pkg().equals("io.itinera.report")) {
				continue;
			}
			for (String used : source.uses()) {
				boolean figures = used.equals("io.itinera.runtime.simulate");
				if (!figures && !MODULES_OF.getOrDefault(used, Set.of()).equals(Set.of("core"))) {
					offenders.add(source.file() + " uses " + used);
				}
			}
		}
		assertEquals(List.of(), offenders);
	}

	@Test
	void theStepFunctionsModulesUseNeitherXtextNorTheLanguage() {
		List<String> offenders = new ArrayList<>();
		for (Source source : SOURCES) {
			if (MAY_USE.containsKey(source.module()) && (source.text().contains("org.eclipse.xtext")
					|| source.text().contains("org.eclipse.emf") || source.text().contains("io.itinera.dsl"))) {
				offenders.add(source.file().toString());
			}
		}
		assertEquals(List.of(), offenders);
	}

	@Test
	void noPackageIsSplitOverModules() {
		Map<String, Set<String>> split = new TreeMap<>();
		MODULES_OF.forEach((pkg, modules) -> {
			if (modules.size() > 1) {
				split.put(pkg, modules);
			}
		});
		assertEquals(Map.of(), split, "move the classes so that each package lives in one module");
	}

	@Test
	void everyPackageSaysWhatItHolds() {
		Set<String> missing = new TreeSet<>();
		for (Source source : SOURCES) {
			if (!Files.exists(source.file().resolveSibling("package-info.java"))) {
				missing.add(source.module() + ": " + source.pkg());
			}
		}
		assertEquals(Set.of(), missing, "packages without a package-info.java (one or two sentences on what the package holds)");
	}

	private static List<Path> mainSources() throws IOException {
		try (Stream<Path> modules = Files.list(PROJECT)) {
			return modules.map(module -> module.resolve("src/main/java")).filter(Files::isDirectory).sorted()
					.flatMap(PackageArchitectureTest::javaFiles).toList();
		}
	}

	private static Stream<Path> javaFiles(Path root) {
		try (Stream<Path> files = Files.walk(root)) {
			return files.filter(file -> file.toString().endsWith(".java")).toList().stream();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
