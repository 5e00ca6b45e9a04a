package io.itinera.dsl.ide.server;

import org.eclipse.xtext.resource.ResourceServiceProviderServiceLoader;
import org.eclipse.xtext.resource.IResourceServiceProvider;

import com.google.inject.Inject;
import com.google.inject.Provider;
import com.google.inject.Singleton;

/**
 * The languages of the server, with {@code itinera.workspace} read by the journey language's services: a
 * segment declared there for every journey of its folder is where go-to-definition and rename lead
 * (see {@code SharedSegments}). The file is never built as a journey: {@link WorkspaceFileScanner} skips it
 * and the editor opens only journeys.
 */
@Singleton
public class WorkspaceFileAwareRegistry implements Provider<IResourceServiceProvider.Registry> {
	@Inject
	private ResourceServiceProviderServiceLoader languages;

	@Override
	public IResourceServiceProvider.Registry get() {
		IResourceServiceProvider.Registry registry = languages.get();
		readWorkspaceFilesAsJourneys(registry);
		readWorkspaceFilesAsJourneys(IResourceServiceProvider.Registry.INSTANCE); // the one the language's own services ask
		return registry;
	}

	private static void readWorkspaceFilesAsJourneys(IResourceServiceProvider.Registry registry) {
		Object journey = registry.getExtensionToFactoryMap().get("journey");
		if (journey != null) {
			registry.getExtensionToFactoryMap().putIfAbsent(WorkspaceFileScanner.WORKSPACE_EXTENSION, journey);
		}
	}
}
