package io.itinera.runtime.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;
import org.junit.jupiter.api.Test;

/**
 * The design's rules on dependencies, read from the sources of every module: no package depends
 * on itself through others (no cycles), and {@code runtime} never uses Xtext or the language.
 */
class PackageArchitectureTest {
	private static final Path PROJECT = Path.of("..");
	private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+);", Pattern.MULTILINE);
	/** A use of a project class: its package is everything before the first capitalised part. */
	private static final Pattern PROJECT_CLASS = Pattern.compile("\\b(io\\.itinera(?:\\.[a-z]\\w*)+)\\.[A-Z]");

	@Test
	void noPackageCycles() throws IOException {
		Graph<String, DefaultEdge> packages = new DefaultDirectedGraph<>(DefaultEdge.class);
		for (Path source : mainSources()) {
			String text = Files.readString(source);
			Matcher declared = PACKAGE.matcher(text);
			if (!declared.find()) {
				continue;
			}
			String from = declared.group(1);
			packages.addVertex(from);
			Matcher used = PROJECT_CLASS.matcher(text);
			while (used.find()) {
				String to = used.group(1);
				if (!to.equals(from)) {
					packages.addVertex(to);
					packages.addEdge(from, to);
				}
			}
		}
		assertTrue(packages.vertexSet().size() > 20, "the sources were found: " + packages.vertexSet());
		List<Set<String>> cycles = new ArrayList<>();
		for (Set<String> component : new KosarajuStrongConnectivityInspector<>(packages).stronglyConnectedSets()) {
			if (component.size() > 1) {
				cycles.add(new TreeSet<>(component));
			}
		}
		assertEquals(List.of(), cycles, "packages that depend on each other");
	}

	@Test
	void runtimeUsesNeitherXtextNorTheLanguage() throws IOException {
		List<String> offenders = new ArrayList<>();
		for (Path source : mainSources()) {
			if (!source.startsWith(PROJECT.resolve("runtime"))) {
				continue;
			}
			String text = Files.readString(source);
			if (text.contains("org.eclipse.xtext") || text.contains("org.eclipse.emf") || text.contains("io.itinera.dsl")) {
				offenders.add(source.toString());
			}
		}
		assertEquals(List.of(), offenders);
	}

	private static List<Path> mainSources() throws IOException {
		try (Stream<Path> modules = Files.list(PROJECT)) {
			return modules.map(module -> module.resolve("src/main/java")).filter(Files::isDirectory)
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
