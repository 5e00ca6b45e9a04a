package io.itinera.dsl.ide.hover;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.xtext.ide.server.hover.HoverContext;
import org.eclipse.xtext.ide.server.hover.HoverService;

import com.google.inject.Inject;

import io.itinera.dsl.ide.facts.JourneySummaries;

/** Hover on a declaration or a reference: its doc comment and its definition, in markdown. */
public class JourneyHoverService extends HoverService {

	@Inject
	private JourneySummaries summaries;

	@Override
	public String getContents(EObject element) {
		if (element == null || element.eIsProxy()) {
			return null;
		}
		String markdown = summaries.markdown(element);
		return markdown.isEmpty() ? super.getContents(element) : markdown;
	}

	@Override
	protected String getKind(HoverContext context) {
		return MarkupKind.MARKDOWN;
	}
}
