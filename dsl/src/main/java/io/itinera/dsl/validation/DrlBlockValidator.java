package io.itinera.dsl.validation;

import io.itinera.dsl.journey.Campaign;
import io.itinera.dsl.journey.DrlBlock;
import io.itinera.dsl.journey.Journey;
import io.itinera.dsl.journey.JourneyPackage;
import io.itinera.runtime.rules.DrlProblem;
import io.itinera.runtime.rules.RawDrlChecker;
import java.util.List;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.validation.Check;
import org.eclipse.xtext.validation.CheckType;

/**
 * Has Drools compile each raw {@code drl """…"""} block and reports its errors at the journey
 * line inside the block. Raw DRL runs arbitrary code: in a resource set marked by
 * {@link #forbidRawDrl} (what {@code itinera check --forbid-raw-drl} loads with) a block is an
 * error of its own. On save, not on every keystroke: Drools takes a moment.
 */
public class DrlBlockValidator extends ComposedJourneyCheck {
	/** The load option that marks a resource set whose raw DRL is forbidden. */
	private static final String FORBID_RAW_DRL = "io.itinera.forbidRawDrl";

	/** Reports each raw drl block of the journeys loaded in {@code resourceSet} as an error at its line. */
	public static void forbidRawDrl(ResourceSet resourceSet) {
		resourceSet.getLoadOptions().put(FORBID_RAW_DRL, Boolean.TRUE);
	}

	private static boolean rawDrlForbidden(EObject object) {
		Resource resource = object.eResource();
		ResourceSet set = resource == null ? null : resource.getResourceSet();
		return set != null && Boolean.TRUE.equals(set.getLoadOptions().get(FORBID_RAW_DRL));
	}

	private final RawDrlChecker checker = new RawDrlChecker();



	@Check(CheckType.NORMAL)
	public void drlCompiles(DrlBlock block) {
		Campaign campaign = EcoreUtil2.getContainerOfType(block, Campaign.class);
		Journey journey = EcoreUtil2.getContainerOfType(block, Journey.class);
		INode sourceNode = sourceNode(block);
		if (campaign == null || journey == null || journey.getName() == null || sourceNode == null) {
			return;
		}
		if (rawDrlForbidden(block)) {
			error("Campaign " + campaign.getName() + " has a raw drl block, and raw DRL is switched off here because it runs "
					+ "arbitrary code; write the rules with 'rule \"…\" when … then …', or allow raw DRL (--allow-raw-drl).",
					block, JourneyPackage.Literals.DRL_BLOCK__SOURCE, JourneyIssueCodes.RAW_DRL_FORBIDDEN);
			return;
		}
		String text = sourceNode.getText();
		if (!text.startsWith("\"\"\"") || !text.endsWith("\"\"\"") || text.length() < 6) {
			return;
		}
		String content = text.substring(3, text.length() - 3);
		for (DrlProblem problem : checker.check(journey.getName(), campaign.getName(), content)) {
			report(problem, sourceNode, content, block);
		}
	}

	private void report(DrlProblem problem, INode sourceNode, String content, DrlBlock block) {
		String message = "Drools cannot compile this drl block: " + oneLine(problem.message())
				+ ". Fix the DRL, or write the rule with 'rule \"…\" when … then …'.";
		if (problem.line() < 1) {
			acceptError(message, block, sourceNode.getOffset(), Math.min(sourceNode.getLength(), 6), JourneyIssueCodes.DRL_ERROR);
			return;
		}
		int lineStart = 0;
		for (int line = 1; line < problem.line(); line++) {
			int next = content.indexOf('\n', lineStart);
			if (next < 0) {
				break;
			}
			lineStart = next + 1;
		}
		int lineEnd = content.indexOf('\n', lineStart);
		if (lineEnd < 0) {
			lineEnd = content.length();
		}
		while (lineStart < lineEnd && Character.isWhitespace(content.charAt(lineStart))) {
			lineStart++;
		}
		int offset = sourceNode.getOffset() + 3 + lineStart;
		acceptError(message, block, offset, Math.max(1, lineEnd - lineStart), JourneyIssueCodes.DRL_ERROR);
	}

	private static INode sourceNode(DrlBlock block) {
		List<INode> nodes = NodeModelUtils.findNodesForFeature(block, JourneyPackage.Literals.DRL_BLOCK__SOURCE);
		return nodes.isEmpty() ? null : nodes.get(0);
	}

	private static String oneLine(String message) {
		return message.replaceAll("\\s+", " ").strip();
	}
}
