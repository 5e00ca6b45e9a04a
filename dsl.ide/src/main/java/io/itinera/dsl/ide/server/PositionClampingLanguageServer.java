package io.itinera.dsl.ide.server;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DocumentHighlight;
import org.eclipse.lsp4j.DocumentHighlightParams;
import org.eclipse.lsp4j.DocumentRangeFormattingParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.LocationLink;
import org.eclipse.lsp4j.PrepareRenameDefaultBehavior;
import org.eclipse.lsp4j.PrepareRenameParams;
import org.eclipse.lsp4j.PrepareRenameResult;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.SignatureHelp;
import org.eclipse.lsp4j.SignatureHelpParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentPositionParams;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.Either3;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.util.CancelIndicator;

/**
 * Clamps the position or range of every request into its document before Xtext's services see
 * it (see {@link DocumentPositions}). Runs inside the read request, against the document that
 * request reads.
 */
public class PositionClampingLanguageServer extends SingleReadRenameLanguageServer {

	@Override
	protected Either<List<CompletionItem>, CompletionList> completion(CancelIndicator cancelIndicator,
			CompletionParams params) {
		return super.completion(cancelIndicator, clamped(params));
	}

	@Override
	protected Either<List<? extends Location>, List<? extends LocationLink>> definition(DefinitionParams params,
			CancelIndicator cancelIndicator) {
		return super.definition(clamped(params), cancelIndicator);
	}

	@Override
	protected List<? extends Location> references(ReferenceParams params, CancelIndicator cancelIndicator) {
		return super.references(clamped(params), cancelIndicator);
	}

	@Override
	protected Hover hover(HoverParams params, CancelIndicator cancelIndicator) {
		return super.hover(clamped(params), cancelIndicator);
	}

	@Override
	protected SignatureHelp signatureHelp(SignatureHelpParams params, CancelIndicator cancelIndicator) {
		return super.signatureHelp(clamped(params), cancelIndicator);
	}

	@Override
	protected List<? extends DocumentHighlight> documentHighlight(DocumentHighlightParams params,
			CancelIndicator cancelIndicator) {
		return super.documentHighlight(clamped(params), cancelIndicator);
	}

	@Override
	protected Either3<Range, PrepareRenameResult, PrepareRenameDefaultBehavior> prepareRename(
			PrepareRenameParams params, CancelIndicator cancelIndicator) {
		return super.prepareRename(clamped(params), cancelIndicator);
	}

	@Override
	protected WorkspaceEdit rename(RenameParams params, CancelIndicator cancelIndicator) {
		return super.rename(clamped(params), cancelIndicator);
	}

	@Override
	protected List<Either<Command, CodeAction>> codeAction(CodeActionParams params, CancelIndicator cancelIndicator) {
		params.setRange(clamped(params.getTextDocument(), params.getRange()));
		String text = textOf(params.getTextDocument());
		if (text != null && params.getContext() != null && params.getContext().getDiagnostics() != null) {
			params.getContext().setDiagnostics(inside(text, params.getContext().getDiagnostics()));
		}
		return super.codeAction(params, cancelIndicator);
	}

	/**
	 * The diagnostics that start inside the text, their ends clamped. An editor sends diagnostics it
	 * received before an edit: one that starts where the text no longer reaches names nothing to fix.
	 */
	private static List<Diagnostic> inside(String text, List<Diagnostic> diagnostics) {
		List<Diagnostic> inside = new ArrayList<>();
		for (Diagnostic diagnostic : diagnostics) {
			Range range = diagnostic.getRange();
			if (range != null && range.getStart() != null && range.getEnd() != null
					&& DocumentPositions.isInside(text, range.getStart())) {
				diagnostic.setRange(DocumentPositions.clamp(text, range));
				inside.add(diagnostic);
			}
		}
		return inside;
	}

	@Override
	protected List<? extends TextEdit> rangeFormatting(DocumentRangeFormattingParams params,
			CancelIndicator cancelIndicator) {
		params.setRange(clamped(params.getTextDocument(), params.getRange()));
		return super.rangeFormatting(params, cancelIndicator);
	}

	private <P extends TextDocumentPositionParams> P clamped(P params) {
		String text = textOf(params.getTextDocument());
		if (text != null && params.getPosition() != null) {
			params.setPosition(DocumentPositions.clamp(text, params.getPosition()));
		}
		return params;
	}

	private Range clamped(TextDocumentIdentifier document, Range range) {
		String text = textOf(document);
		return text == null || range == null ? range : DocumentPositions.clamp(text, range);
	}

	/** The text the read request sees, or null for a document the server does not know. */
	private String textOf(TextDocumentIdentifier identifier) {
		Document document = getWorkspaceManager().doRead(getURI(identifier), (read, resource) -> read);
		return document == null ? null : document.getContents();
	}
}
