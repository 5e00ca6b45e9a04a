package io.itinera.dsl.validation;

import io.itinera.dsl.journey.JourneyPackage;
import io.itinera.dsl.journey.SegmentDecl;
import io.itinera.dsl.journey.SegmentRef;
import io.itinera.dsl.journey.SymbolRef;
import io.itinera.dsl.journey.EventDecl;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.validation.Check;

/**
 * Segments: a segment that names itself, through others or directly, is an error (its condition would
 * never end); a segment is about the customer, so its condition reads no event field.
 */
public class SegmentValidator extends ComposedJourneyCheck {
	private static final JourneyPackage J = JourneyPackage.eINSTANCE;

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
