package io.itinera.cli.journey;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;

import com.google.inject.Injector;

import io.itinera.dsl.JourneyStandaloneSetup;
import io.itinera.dsl.journey.Journey;
import io.itinera.dsl.validation.DrlBlockValidator;

/** Parses, links and validates .journey files with the real language, outside any editor. */
public final class JourneyLoader {
	private static Injector injector;

	/** A loaded file: its syntax tree (null when it did not parse at all) and every diagnostic. */
	public record LoadedJourney(Path file, Journey journey, List<JourneyDiagnostic> diagnostics) {
		public boolean hasErrors() {
			return diagnostics.stream().anyMatch(JourneyDiagnostic::error);
		}
	}

	private final boolean forbidRawDrl;

	public JourneyLoader() {
		this(false);
	}

	/** @param forbidRawDrl report each raw {@code drl} block as an error at its line ({@code check --forbid-raw-drl}) */
	public JourneyLoader(boolean forbidRawDrl) {
		this.forbidRawDrl = forbidRawDrl;
	}

	/**
	 * Sets the journey language up (its Guice injector and EMF registrations, a third of a short command's CPU) ahead
	 * of the first {@link #load}, which waits for it: for a command to call on another thread while it builds its
	 * command line. A failure is met again, and reported, by {@link #load}.
	 */
	public static void warmUp() {
		injector();
	}

	private static synchronized Injector injector() {
		if (injector == null) {
			injector = new JourneyStandaloneSetup().createInjectorAndDoEMFRegistration();
		}
		return injector;
	}

	public LoadedJourney load(Path file) {
		Path absolute = file.toAbsolutePath().normalize();
		XtextResourceSet resourceSet = injector().getInstance(XtextResourceSet.class);
		if (forbidRawDrl) {
			DrlBlockValidator.forbidRawDrl(resourceSet);
		}
		XtextResource resource = (XtextResource) resourceSet.createResource(URI.createFileURI(absolute.toString()));
		try (var in = Files.newInputStream(absolute)) {
			// a journey is UTF-8 (as editors write it), whatever the platform's default
			java.util.Map<Object, Object> options = new java.util.HashMap<>(resourceSet.getLoadOptions());
			options.put(XtextResource.OPTION_ENCODING, java.nio.charset.StandardCharsets.UTF_8.name());
			resource.load(in, options);
		} catch (IOException e) {
			return new LoadedJourney(file, null, List.of(new JourneyDiagnostic(file, 1, 1, true,
					"cannot read the file (" + e.getMessage() + "); check the path and permissions.", "io")));
		}
		IResourceValidator validator = resource.getResourceServiceProvider().getResourceValidator();
		List<JourneyDiagnostic> diagnostics = new ArrayList<>();
		for (Issue issue : validator.validate(resource, CheckMode.ALL, CancelIndicator.NullImpl)) {
			if (issue.getSeverity() == Severity.IGNORE || issue.getSeverity() == Severity.INFO) {
				continue;
			}
			diagnostics.add(new JourneyDiagnostic(file, orOne(issue.getLineNumber()), orOne(issue.getColumn()),
					issue.getSeverity() == Severity.ERROR, issue.getMessage(), issue.getCode()));
		}
		Journey journey = resource.getContents().isEmpty() ? null
				: resource.getContents().get(0) instanceof Journey j ? j : null;
		return new LoadedJourney(file, journey, diagnostics);
	}

	/**
	 * The journey files of the paths a user named, or null after telling {@code err} which path
	 * does not exist.
	 */
	public static List<Path> expandNamedPaths(List<Path> paths, PrintWriter err) throws IOException {
		for (Path path : paths) {
			if (!Files.exists(path)) {
				err.println(path + ": no such file or folder; give .journey files or a folder that holds them.");
				err.flush();
				return null;
			}
		}
		return expand(paths);
	}

	/** Every .journey file named, or found below a named folder, in a stable order. */
	public static List<Path> expand(List<Path> paths) throws IOException {
		List<Path> files = new ArrayList<>();
		for (Path path : paths) {
			if (Files.isDirectory(path)) {
				try (Stream<Path> walk = Files.walk(path)) {
					walk.filter(p -> p.toString().endsWith(".journey") && Files.isRegularFile(p)).sorted().forEach(files::add);
				}
			} else {
				files.add(path);
			}
		}
		return files;
	}

	private static int orOne(Integer value) {
		return value == null || value < 1 ? 1 : value;
	}
}
