package io.itinera.dsl.ide.server;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;

/**
 * A client may open single files without a folder (VS Code with no workspace sends neither a
 * root URI nor workspace folders), or send workspace folders without declaring that it
 * supports them; Xtext's server then fails to build its workspace for want of a root URI.
 * Without a root URI the server works from the workspace folders given, possibly none, and
 * still serves every opened document.
 */
public class JourneyLanguageServer extends PositionClampingLanguageServer {

	private boolean withoutRoot;

	@Override
	public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
		withoutRoot = params.getRootUri() == null && params.getRootPath() == null;
		if (withoutRoot && params.getWorkspaceFolders() == null) {
			params.setWorkspaceFolders(List.of());
		}
		return super.initialize(params);
	}

	@Override
	protected boolean clientSupportsWorkspaceFolders() {
		return withoutRoot || super.clientSupportsWorkspaceFolders();
	}
}
