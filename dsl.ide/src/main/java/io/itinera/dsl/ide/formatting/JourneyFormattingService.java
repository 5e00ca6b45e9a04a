package io.itinera.dsl.ide.formatting;

import java.util.List;

import org.eclipse.lsp4j.FormattingOptions;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.formatting.FormattingService;
import org.eclipse.xtext.resource.XtextResource;

/**
 * Formats nothing in a document that does not parse into a journey: the formatter lays out a
 * syntax tree and fails without one. Xtext checks this for whole documents only, not for ranges.
 */
public class JourneyFormattingService extends FormattingService {

	@Override
	public List<TextEdit> format(XtextResource resource, Document document, int offset, int length,
			FormattingOptions options) {
		if (resource.getContents().isEmpty()) {
			return List.of();
		}
		return super.format(resource, document, offset, length, options);
	}
}
