package io.itinera.dsl.ide.quickfix;

import java.util.List;

import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;

import io.itinera.dsl.journey.Campaign;
import io.itinera.dsl.journey.Cap;

/** Rewrites a campaign's cap as the cap warnings suggest, or adds one where it has none. */
final class CapEditor {
	static final String DEFAULT_CAP = "cap 1 per 30 days";

	private CapEditor() {
	}

	/** Replaces the whole `cap …` with {@code replacement}. */
	static List<TextEdit> replace(Cap cap, String replacement, Document document) {
		ICompositeNode node = NodeModelUtils.findActualNodeFor(cap);
		if (node == null || replacement == null) {
			return List.of();
		}
		return List.of(new TextEdit(new Range(document.getPosition(node.getOffset()), document.getPosition(node.getEndOffset())),
				replacement));
	}

	/** Puts {@link #DEFAULT_CAP} on its own line after the campaign's '{', indented like its first line inside. */
	static List<TextEdit> addDefault(Campaign campaign, Document document) {
		ICompositeNode node = NodeModelUtils.findActualNodeFor(campaign);
		if (node == null) {
			return List.of();
		}
		for (ILeafNode leaf : node.getLeafNodes()) {
			if (!leaf.isHidden() && "{".equals(leaf.getText())) {
				String text = document.getContents();
				int lineStart = text.lastIndexOf('\n', node.getOffset() - 1) + 1;
				String indent = text.substring(lineStart, node.getOffset()).replaceAll("\\S", " ");
				int at = leaf.getEndOffset();
				return List.of(new TextEdit(new Range(document.getPosition(at), document.getPosition(at)),
						"\n" + indent + "  " + DEFAULT_CAP));
			}
		}
		return List.of();
	}
}
