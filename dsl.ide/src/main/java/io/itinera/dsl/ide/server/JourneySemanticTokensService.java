package io.itinera.dsl.ide.server;

import org.eclipse.xtext.ide.server.semantictokens.SemanticTokensService;

import io.itinera.dsl.ide.highlighting.JourneyTokenTypes;

/** Announces the LSP token types and modifiers the journey highlighter emits in the legend. */
public class JourneySemanticTokensService extends SemanticTokensService {

	public JourneySemanticTokensService() {
		super();
	}

	@Override
	protected void addTokenTypes() {
		super.addTokenTypes();
		JourneyTokenTypes.TYPES.forEach(getTokenTypes()::add);
	}

	@Override
	protected void addTokenModifiers() {
		super.addTokenModifiers();
		JourneyTokenTypes.MODIFIERS.forEach(getTokenModifiers()::add);
	}
}
