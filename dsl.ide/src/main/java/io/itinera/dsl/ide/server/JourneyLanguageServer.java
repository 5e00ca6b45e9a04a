package io.itinera.dsl.ide.server;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.xtext.ide.server.LanguageServerImpl;

/**
 * A client may open single files without a folder (VS Code with no workspace sends neither a
 * root URI nor workspace folders); Xtext's server then fails to build its workspace. Such a
 * session gets an empty workspace and still serves every opened document.
 */
public class JourneyLanguageServer extends LanguageServerImpl {

	private boolean withoutWorkspace;

	@Override
	public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
		withoutWorkspace = params.getRootUri() == null && params.getRootPath() == null
				&& (params.getWorkspaceFolders() == null || params.getWorkspaceFolders().isEmpty());
		if (withoutWorkspace) {
			params.setWorkspaceFolders(List.of());
		}
		return super.initialize(params);
	}

	@Override
	protected boolean clientSupportsWorkspaceFolders() {
		return withoutWorkspace || super.clientSupportsWorkspaceFolders();
	}
}
