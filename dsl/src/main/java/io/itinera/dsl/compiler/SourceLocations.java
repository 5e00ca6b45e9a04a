package io.itinera.dsl.compiler;

import io.itinera.runtime.plan.SourceLocation;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.util.LineAndColumn;

/** The file, line and column of a syntax element, from Xtext's node model. */
final class SourceLocations {
	private SourceLocations() {
	}

	static SourceLocation of(EObject element) {
		if (element == null) {
			return SourceLocation.UNKNOWN;
		}
		String file = fileOf(element);
		ICompositeNode node = NodeModelUtils.findActualNodeFor(element);
		if (node == null) {
			return new SourceLocation(file, 0, 0);
		}
		LineAndColumn position = NodeModelUtils.getLineAndColumn(node, node.getOffset());
		return new SourceLocation(file, position.getLine(), position.getColumn());
	}

	private static String fileOf(EObject element) {
		if (element.eResource() == null || element.eResource().getURI() == null) {
			return "";
		}
		URI uri = element.eResource().getURI();
		return uri.isFile() ? uri.toFileString() : uri.toString();
	}
}
