package io.itinera.dsl.validation;

import io.itinera.dsl.journey.JourneyPackage;
import io.itinera.dsl.journey.SegmentDecl;
import io.itinera.dsl.journey.SegmentRef;
import io.itinera.dsl.journey.SymbolRef;
import io.itinera.dsl.journey.EventDecl;
import io.itinera.dsl.journey.Journey;
import io.itinera.dsl.scoping.SharedSegments;
import io.itinera.runtime.workspace.WorkspaceFile;
import com.google.inject.Inject;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.validation.Check;

/**
 * Segments: a segment that names itself, through others or directly, is an error (its condition would
 * never end); a segment is about the customer, so its condition reads no event field. A segment the
 * folder's {@code itinera.workspace} shares is not declared again by a journey, and reads only what each
 * journey naming it declares.
 */
public class SegmentValidator extends ComposedJourneyCheck {
	private static final JourneyPackage J = JourneyPackage.eINSTANCE;

	@Inject
	private SharedSegments sharedSegments;

	@Check
	public void notDeclaredAgain(SegmentDecl segment) {
		if (SharedSegments.isShared(segment) || segment.getName() == null) {
			return;
		}
		for (SegmentDecl shared : sharedSegments.of(segment.eResource())) {
			if (segment.getName().equals(shared.getName())) {
				error("Segment " + segment.getName() + " is declared for every journey of this folder in "
						+ WorkspaceFile.NAME + " (line " + line(shared) + "); rename this one, or remove it to use the shared one.",
						segment, J.getSegmentDecl_Name(), JourneyIssueCodes.SHARED_SEGMENT_REDECLARED);
			}
		}
	}

	/** Each shared segment the journey names reads features, attributes and models this journey declares. */
	@Check
	public void sharedSegmentsReadWhatTheJourneyDeclares(Journey journey) {
		java.util.Set<String> reported = new java.util.HashSet<>();
		for (java.util.Map.Entry<SegmentDecl, EObject> use : SharedSegments.uses(journey).entrySet()) {
			for (SegmentDecl shared : SharedSegments.withTheSegmentsTheyName(use.getKey())) {
				String problem = problemIn(journey, shared);
				if (problem != null && reported.add(problem)) {
					EObject where = use.getValue();
					error(problem, where, segmentReference(where), JourneyIssueCodes.SHARED_SEGMENT_UNDECLARED_NAME);
				}
			}
		}
	}

	private static String problemIn(Journey journey, SegmentDecl shared) {
		String at = "Segment " + shared.getName() + " (" + WorkspaceFile.NAME + " line " + line(shared) + ")";
		String unread = SharedSegments.problemOf(shared);
		if (unread != null || shared.getCondition() == null) {
			return at + " does not read" + (unread == null ? "" : " (" + unread + ")") + "; fix that line of "
					+ WorkspaceFile.NAME + ": segment NAME [\"title\"] = CONDITION, on one line.";
		}
		for (SymbolRef ref : EcoreUtil2.getAllContentsOfType(shared.getCondition(), SymbolRef.class)) {
			String name = SharedSegments.writtenName(ref);
			io.itinera.dsl.journey.Symbol symbol = SharedSegments.symbolIn(journey, ref);
			if (symbol == null) {
				return at + " reads " + name + ", which journey " + journey.getName() + " does not declare; declare it here "
						+ "(a feature, attribute or model named " + name + "), alike in every journey that names "
						+ shared.getName() + ".";
			}
			if (symbol instanceof EventDecl) {
				return at + " reads " + name + ", an event of journey " + journey.getName()
						+ "; a segment is about the customer: name a feature or an attribute.";
			}
		}
		return null;
	}

	private static int line(EObject element) {
		org.eclipse.xtext.nodemodel.ICompositeNode node = NodeModelUtils.findActualNodeFor(element);
		return node == null ? 0 : node.getStartLine();
	}

	/** The reference to a segment of an element that names one (segment S, entry on segment S, …). */
	private static org.eclipse.emf.ecore.EStructuralFeature segmentReference(EObject element) {
		for (org.eclipse.emf.ecore.EReference reference : element.eClass().getEAllReferences()) {
			if (!reference.isContainment() && reference.getEReferenceType() == J.getSegmentDecl()) {
				return reference;
			}
		}
		return null;
	}

	@Check
	public void noCycle(SegmentDecl segment) {
		List<String> path = new ArrayList<>();
		if (reaches(segment, segment, path, new ArrayList<>())) {
			error("Segment " + segment.getName() + " names itself: " + segment.getName() + " -> " + String.join(" -> ", path)
					+ ". Write one of them without `segment`, with the condition itself.",
					segment, J.getSegmentDecl_Name(), JourneyIssueCodes.SEGMENT_CYCLE);
		}
	}

	@Check
	public void readsNoEventField(SegmentDecl segment) {
		for (SymbolRef ref : EcoreUtil2.getAllContentsOfType(segment, SymbolRef.class)) {
			if (ref.getSymbol() instanceof EventDecl event && !event.eIsProxy()) {
				error("A segment is about the customer, not an event: `" + event.getName()
						+ "` is an event. Use a feature (e.g. `feature last_" + event.getName() + " = last(" + event.getName()
						+ ".FIELD)`) or an attribute.", ref, J.getSymbolRef_Symbol(), JourneyIssueCodes.SEGMENT_READS_EVENT);
			}
		}
	}

	private static boolean reaches(SegmentDecl from, SegmentDecl target, List<String> path, List<SegmentDecl> seen) {
		if (from.getCondition() == null || seen.contains(from)) {
			return false;
		}
		seen.add(from);
		for (SegmentRef ref : EcoreUtil2.getAllContentsOfType(from.getCondition(), SegmentRef.class)) {
			SegmentDecl next = ref.getSegment();
			if (next == null || next.eIsProxy()) {
				continue;
			}
			path.add(next.getName());
			if (next == target || reaches(next, target, path, seen)) {
				return true;
			}
			path.remove(path.size() - 1);
		}
		return false;
	}
}
