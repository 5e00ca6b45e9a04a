package io.itinera.dsl.ide.graph;

import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.xtext.ide.server.ILanguageServerAccess;
import org.eclipse.xtext.ide.server.commands.IExecutableCommandService;
import org.eclipse.xtext.util.CancelIndicator;

import com.google.gson.JsonPrimitive;

import io.itinera.dsl.compiler.JourneyCompiler;
import io.itinera.dsl.journey.Journey;
import io.itinera.runtime.graph.GraphExport;
import io.itinera.runtime.graph.JourneyGraph;

/**
 * {@code itinera.graph} with a document URI: the journey's Mermaid graph, built from the
 * document as currently edited (saved or not). A journey that compiles is drawn by the
 * runtime's own export, as {@code itinera graph} draws it; one that does not yet compile is
 * drawn from the syntax tree, so the picture keeps up while the author types.
 */
public class JourneyCommandService implements IExecutableCommandService {

	public static final String GRAPH = "itinera.graph";

	@Override
	public List<String> initialize() {
		return List.of(GRAPH);
	}

	@Override
	public Object execute(ExecuteCommandParams params, ILanguageServerAccess access, CancelIndicator cancelIndicator) {
		if (!GRAPH.equals(params.getCommand()) || params.getArguments() == null || params.getArguments().isEmpty()) {
			return null;
		}
		Object argument = params.getArguments().get(0);
		String uri = argument instanceof JsonPrimitive primitive ? primitive.getAsString() : String.valueOf(argument);
		return access.doSyncRead(uri, context -> {
			EObject root = context.getResource() == null || context.getResource().getContents().isEmpty() ? null
					: context.getResource().getContents().get(0);
			return root instanceof Journey journey ? mermaid(journey, hasErrors(context.getResource())) : null;
		});
	}

	static String mermaid(Journey journey, boolean hasErrors) {
		if (!hasErrors) {
			try {
				return GraphExport.mermaid(new JourneyGraph(new JourneyCompiler().compile(journey)));
			} catch (RuntimeException notCompilable) {
				// drawn from the syntax tree below
			}
		}
		return JourneyMermaid.of(journey);
	}

	private static boolean hasErrors(org.eclipse.emf.ecore.resource.Resource resource) {
		return !resource.getErrors().isEmpty();
	}
}
