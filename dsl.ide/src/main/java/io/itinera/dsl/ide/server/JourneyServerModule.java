package io.itinera.dsl.ide.server;

import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.xtext.ide.server.LanguageServerImpl;
import org.eclipse.xtext.ide.server.ServerModule;
import org.eclipse.xtext.ide.server.WorkspaceManager;
import org.eclipse.xtext.ide.server.concurrent.IRequestManager;
import org.eclipse.xtext.ide.server.semantictokens.SemanticTokensService;
import org.eclipse.xtext.util.IFileSystemScanner;

import com.google.inject.AbstractModule;
import com.google.inject.util.Modules;

/** Xtext's language server, adapted to journeys: used by the stdio launcher and the LSP tests alike. */
public class JourneyServerModule extends AbstractModule {

	@Override
	protected void configure() {
		install(Modules.override(new ServerModule()).with(new AbstractModule() {
			@Override
			protected void configure() {
				bind(LanguageServer.class).to(JourneyLanguageServer.class);
				bind(LanguageServerImpl.class).to(JourneyLanguageServer.class);
				bind(IFileSystemScanner.class).to(WorkspaceFileScanner.class);
				bind(SemanticTokensService.class).to(JourneySemanticTokensService.class);
				bind(WorkspaceManager.class).to(ConsistentReadWorkspaceManager.class);
				bind(IRequestManager.class).to(RefusalLoggingRequestManager.class);
				bind(org.eclipse.xtext.resource.IResourceServiceProvider.Registry.class).toProvider(WorkspaceFileAwareRegistry.class);
			}
		}));
	}
}
