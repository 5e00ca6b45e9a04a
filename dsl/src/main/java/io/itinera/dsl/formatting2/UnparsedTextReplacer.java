package io.itinera.dsl.formatting2;

import org.eclipse.xtext.formatting2.ITextReplacerContext;
import org.eclipse.xtext.formatting2.internal.CommentReplacer;
import org.eclipse.xtext.formatting2.internal.WhitespaceReplacer;
import org.eclipse.xtext.formatting2.regionaccess.IComment;

/**
 * Keeps text the parser skipped while recovering from a syntax error as it was written. It reaches
 * the formatter as a comment that no grammar rule produced, which Xtext's formatter refuses.
 */
class UnparsedTextReplacer extends CommentReplacer {

	UnparsedTextReplacer(IComment unparsedText) {
		super(unparsedText);
	}

	@Override
	public void configureWhitespace(WhitespaceReplacer leading, WhitespaceReplacer trailing) {
	}

	@Override
	public ITextReplacerContext createReplacements(ITextReplacerContext context) {
		return context;
	}
}
