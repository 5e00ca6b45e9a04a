package io.itinera.cli.journey;

import io.itinera.dsl.journey.Journey;
import io.itinera.dsl.journey.SegmentDecl;
import io.itinera.dsl.journey.Symbol;
import io.itinera.dsl.journey.SymbolRef;
import io.itinera.dsl.scoping.SharedSegments;
import io.itinera.runtime.workspace.WorkspaceFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;

/**
 * What a folder's journeys must agree on for the segments its {@code itinera.workspace} shares (each journey
 * alone is checked by the language's validator): a journey that declares a shared segment's name again is
 * named at the workspace file's line too, and every feature, attribute and model a shared segment reads is
 * declared alike in each journey naming it, since each journey evaluates it over its own part of the customer.
 */
public final class SharedSegmentsCheck {
	private SharedSegmentsCheck() {
	}

	/** The problems of one folder's journeys (loaded, each with its diagnostics), in file order. */
	public static List<JourneyDiagnostic> of(Path folder, List<JourneyLoader.LoadedJourney> journeys) {
		Path workspaceFile = folder.resolve(WorkspaceFile.NAME);
		List<JourneyDiagnostic> problems = new ArrayList<>();
		Map<String, Map<String, Declared>> firstDeclaration = new LinkedHashMap<>(); // by segment, then name read
		for (JourneyLoader.LoadedJourney loaded : journeys) {
			Journey journey = loaded.journey();
			if (journey == null) {
				continue;
			}
			List<SegmentDecl> shared = SharedSegments.readWith(journey);
			for (SegmentDecl own : EcoreUtil2.getAllContentsOfType(journey, SegmentDecl.class)) {
				for (SegmentDecl same : shared) {
					if (same.getName() != null && same.getName().equals(own.getName())) {
						problems.add(new JourneyDiagnostic(workspaceFile, line(same), 1, true, "segment " + same.getName()
								+ " is declared again by journey " + journey.getName() + " (" + loaded.file() + ":" + line(own)
								+ "); rename one of them, or remove the journey's to use this one.", "segment.sharedRedeclared"));
					}
				}
			}
			for (SegmentDecl segment : SharedSegments.usedBy(journey)) {
				if (segment.getCondition() == null) {
					continue;
				}
				for (SymbolRef ref : EcoreUtil2.getAllContentsOfType(segment.getCondition(), SymbolRef.class)) {
					Symbol symbol = SharedSegments.symbolIn(journey, ref);
					if (symbol == null) {
						continue; // the journey's own diagnostics say it is missing
					}
					Declared here = new Declared(loaded.file(), journey.getName(), line(symbol), declaration(symbol));
					Declared first = firstDeclaration.computeIfAbsent(segment.getName(), k -> new LinkedHashMap<>())
							.putIfAbsent(symbol.getName(), here);
					if (first != null && !first.text().equals(here.text())) {
						problems.add(new JourneyDiagnostic(loaded.file(), here.line(), 1, true, symbol.getName() + " is declared as `"
								+ here.text() + "` here but as `" + first.text() + "` in journey " + first.journey() + " ("
								+ first.file() + ":" + first.line() + "), and segment " + segment.getName() + " of "
								+ WorkspaceFile.NAME + " (line " + line(segment) + ") reads it in both: declare it alike in every "
								+ "journey that names the segment, or give the journey its own segment.", "segment.sharedNotAlike"));
					}
				}
			}
		}
		return problems;
	}

	private record Declared(Path file, String journey, int line, String text) {
	}

	/** A declaration as written, without comments and with single spaces ({@code feature spend = sum(order.amount)}). */
	private static String declaration(EObject symbol) {
		ICompositeNode node = NodeModelUtils.findActualNodeFor(symbol);
		return node == null ? "" : NodeModelUtils.getTokenText(node);
	}

	private static int line(EObject element) {
		ICompositeNode node = NodeModelUtils.findActualNodeFor(element);
		return node == null ? 1 : node.getStartLine();
	}
}
