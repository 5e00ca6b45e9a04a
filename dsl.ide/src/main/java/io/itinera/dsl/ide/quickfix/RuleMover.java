package io.itinera.dsl.ide.quickfix;

import java.util.List;

import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;

import io.itinera.dsl.journey.Campaign;
import io.itinera.dsl.journey.Rule;

/**
 * Moves a rule, with the blank space and comments that precede it, behind the campaign's last
 * rule: one deletion and one insertion of the same text, so the layout is kept.
 */
final class RuleMover {

	private RuleMover() {
	}

	static List<TextEdit> moveLast(Rule rule, Document document) {
		Campaign campaign = (Campaign) rule.eContainer();
		Rule last = campaign.getRules().get(campaign.getRules().size() - 1);
		if (last == rule) {
			return List.of();
		}
		ICompositeNode ruleNode = NodeModelUtils.findActualNodeFor(rule);
		int start = endOfPreviousToken(ruleNode);
		int end = ruleNode.getEndOffset();
		String moved = document.getContents().substring(start, end);
		int lastEnd = NodeModelUtils.findActualNodeFor(last).getEndOffset();
		return List.of(
				new TextEdit(new Range(document.getPosition(start), document.getPosition(end)), ""),
				new TextEdit(new Range(document.getPosition(lastEnd), document.getPosition(lastEnd)), moved));
	}

	private static int endOfPreviousToken(INode node) {
		int previousEnd = 0;
		for (ILeafNode leaf : node.getRootNode().getLeafNodes()) {
			if (leaf.getTotalOffset() >= node.getOffset()) {
				break;
			}
			if (!leaf.isHidden()) {
				previousEnd = leaf.getTotalEndOffset();
			}
		}
		return previousEnd;
	}
}
