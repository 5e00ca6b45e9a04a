package io.itinera.dsl.ide.server;

import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.WorkspaceManager;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.Pair;
import org.eclipse.xtext.util.Tuples;

/**
 * Reads a document together with the text its syntax tree was parsed from. While an edit's build
 * is still pending (or was cancelled by the next edit), Xtext hands out the newest text with the
 * previous syntax tree, whose offsets may lie past the end of that text.
 */
public class ConsistentReadWorkspaceManager extends WorkspaceManager {

	@Override
	public Pair<? super Document, ? super XtextResource> read(URI uri) {
		Pair<? super Document, ? super XtextResource> read = super.read(uri);
		if (read == null || !(read.getFirst() instanceof Document document)
				|| !(read.getSecond() instanceof XtextResource resource) || resource.getParseResult() == null) {
			return read;
		}
		String parsedText = resource.getParseResult().getRootNode().getText();
		if (parsedText.equals(document.getContents())) {
			return read;
		}
		return Tuples.pair(new Document(document.getVersion(), parsedText, document.isPrintSourceOnError()), resource);
	}
}
