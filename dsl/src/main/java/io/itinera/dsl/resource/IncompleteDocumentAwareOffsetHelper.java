package io.itinera.dsl.resource;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.resource.EObjectAtOffsetHelper;
import org.eclipse.xtext.resource.XtextResource;

/**
 * Finds the element under the cursor, also in a document that does not parse into a journey.
 * Such a document has a node model but no syntax tree; Xtext's helper then asks a missing element
 * for its name. Definition, references and rename all look names up through this helper.
 */
public class IncompleteDocumentAwareOffsetHelper extends EObjectAtOffsetHelper {

	@Override
	public EObject getElementWithNameAt(XtextResource resource, int offset) {
		if (resource == null || resolveElementAt(resource, offset) == null) {
			return null;
		}
		return super.getElementWithNameAt(resource, offset);
	}
}
