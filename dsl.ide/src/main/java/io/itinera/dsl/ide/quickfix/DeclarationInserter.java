package io.itinera.dsl.ide.quickfix;

import java.util.List;
import java.util.Optional;

import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;

import io.itinera.dsl.ide.facts.JourneyDeclarations;
import io.itinera.dsl.journey.EventDecl;
import io.itinera.dsl.journey.FeatureDecl;
import io.itinera.dsl.journey.Journey;
import io.itinera.dsl.journey.JourneyElement;
import io.itinera.dsl.journey.JourneyPackage;
import io.itinera.dsl.journey.Stage;

/**
 * Declares a missing stage, event, feature or segment next to the last declaration of its kind (or
 * before the journey's closing brace), indented like its neighbours.
 */
record DeclarationInserter(String kind, Class<? extends JourneyElement> declarationType) {

	private static final String DEFAULT_INDENT = "  ";

	static Optional<DeclarationInserter> forType(EClass referenceType) {
		JourneyPackage p = JourneyPackage.eINSTANCE;
		if (referenceType == p.getStage()) {
			return Optional.of(new DeclarationInserter("stage", Stage.class));
		}
		if (referenceType == p.getEventDecl()) {
			return Optional.of(new DeclarationInserter("event", EventDecl.class));
		}
		if (referenceType == p.getFeatureDecl() || referenceType == p.getSymbol()) {
			return Optional.of(new DeclarationInserter("feature", FeatureDecl.class));
		}
		if (referenceType == p.getSegmentDecl()) {
			return Optional.of(new DeclarationInserter("segment", io.itinera.dsl.journey.SegmentDecl.class));
		}
		return Optional.empty();
	}

	List<TextEdit> insert(Journey journey, String name, Document document) {
		String declaration = declaration(journey, name);
		if (declaration == null) {
			return List.of();
		}
		JourneyElement anchor = null;
		for (JourneyElement element : journey.getElements()) {
			if (declarationType.isInstance(element)) {
				anchor = element;
			}
		}
		String contents = document.getContents();
		int offset;
		String indent;
		if (anchor != null) {
			ICompositeNode node = NodeModelUtils.findActualNodeFor(anchor);
			offset = node.getEndOffset();
			indent = indentationOfLine(contents, node.getOffset());
		} else {
			ICompositeNode node = NodeModelUtils.findActualNodeFor(journey);
			offset = contents.lastIndexOf('}', node.getEndOffset() - 1);
			while (offset > 0 && (contents.charAt(offset - 1) == ' ' || contents.charAt(offset - 1) == '\t')) {
				offset--;
			}
			String text = indentationOfFirstElement(journey, contents) + declaration + "\n";
			if (offset > 0 && contents.charAt(offset - 1) != '\n') {
				text = "\n" + text;
			}
			return List.of(new TextEdit(new Range(document.getPosition(offset), document.getPosition(offset)), text));
		}
		return List.of(new TextEdit(new Range(document.getPosition(offset), document.getPosition(offset)),
				"\n" + indent + declaration));
	}

	private String declaration(Journey journey, String name) {
		if (declarationType == Stage.class) {
			return "stage " + name + " (awareness) { }";
		}
		if (declarationType == EventDecl.class) {
			return "event " + name + " { }";
		}
		if (declarationType == io.itinera.dsl.journey.SegmentDecl.class) {
			return "segment " + name + " \"who they are\" = true";
		}
		List<EObject> events = JourneyDeclarations.ofType(journey, JourneyPackage.Literals.EVENT_DECL);
		if (events.isEmpty()) {
			return null;
		}
		return "feature " + name + " = count(" + JourneyDeclarations.nameOf(events.get(0)) + ") over 7 days";
	}

	private static String indentationOfFirstElement(Journey journey, String contents) {
		if (journey.getElements().isEmpty()) {
			return DEFAULT_INDENT;
		}
		return indentationOfLine(contents, NodeModelUtils.findActualNodeFor(journey.getElements().get(0)).getOffset());
	}

	private static String indentationOfLine(String contents, int offset) {
		int lineStart = contents.lastIndexOf('\n', offset - 1) + 1;
		int end = lineStart;
		while (end < contents.length() && (contents.charAt(end) == ' ' || contents.charAt(end) == '\t')) {
			end++;
		}
		return contents.substring(lineStart, end);
	}
}
