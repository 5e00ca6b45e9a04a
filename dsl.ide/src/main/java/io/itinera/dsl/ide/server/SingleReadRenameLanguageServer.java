package io.itinera.dsl.ide.server;

import org.eclipse.lsp4j.PrepareRenameDefaultBehavior;
import org.eclipse.lsp4j.PrepareRenameParams;
import org.eclipse.lsp4j.PrepareRenameResult;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either3;
import org.eclipse.xtext.ide.server.LanguageServerImpl;
import org.eclipse.xtext.ide.server.rename.IRenameService2;
import org.eclipse.xtext.util.CancelIndicator;

/** Rename and prepareRename read the document within their own request (see {@link InRequestReadAccess}). */
public class SingleReadRenameLanguageServer extends LanguageServerImpl {

	@Override
	protected WorkspaceEdit rename(RenameParams params, CancelIndicator cancelIndicator) {
		IRenameService2 renameService = getService(getURI(params.getTextDocument()), IRenameService2.class);
		if (renameService == null) {
			return new WorkspaceEdit();
		}
		IRenameService2.Options options = new IRenameService2.Options();
		options.setLanguageServerAccess(new InRequestReadAccess(getLanguageServerAccess(), cancelIndicator));
		options.setRenameParams(params);
		options.setCancelIndicator(cancelIndicator);
		return renameService.rename(options);
	}

	@Override
	protected Either3<Range, PrepareRenameResult, PrepareRenameDefaultBehavior> prepareRename(
			PrepareRenameParams params, CancelIndicator cancelIndicator) {
		IRenameService2 renameService = getService(getURI(params), IRenameService2.class);
		if (renameService == null) {
			return null;
		}
		IRenameService2.PrepareRenameOptions options = new IRenameService2.PrepareRenameOptions();
		options.setLanguageServerAccess(new InRequestReadAccess(getLanguageServerAccess(), cancelIndicator));
		options.setParams(params);
		options.setCancelIndicator(cancelIndicator);
		return renameService.prepareRename(options);
	}
}
