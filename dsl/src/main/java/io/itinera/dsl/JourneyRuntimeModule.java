package io.itinera.dsl;

import org.eclipse.xtext.linking.ILinkingDiagnosticMessageProvider;
import org.eclipse.xtext.parser.antlr.ISyntaxErrorMessageProvider;
import org.eclipse.xtext.validation.IDiagnosticConverter;
import org.eclipse.xtext.resource.EObjectAtOffsetHelper;

import io.itinera.dsl.parser.JourneySyntaxErrorMessages;
import io.itinera.dsl.parser.MissingTokenLocations;
import io.itinera.dsl.resource.IncompleteDocumentAwareOffsetHelper;
import io.itinera.dsl.validation.JourneyLinkingMessages;

/** Guice bindings of the Journey language that differ from Xtext's defaults. */
public class JourneyRuntimeModule extends AbstractJourneyRuntimeModule {

	public Class<? extends ILinkingDiagnosticMessageProvider> bindILinkingDiagnosticMessageProvider() {
		return JourneyLinkingMessages.class;
	}

	public Class<? extends EObjectAtOffsetHelper> bindEObjectAtOffsetHelper() {
		return IncompleteDocumentAwareOffsetHelper.class;
	}

	public Class<? extends ISyntaxErrorMessageProvider> bindISyntaxErrorMessageProvider() {
		return JourneySyntaxErrorMessages.class;
	}

	public Class<? extends IDiagnosticConverter> bindIDiagnosticConverter() {
		return MissingTokenLocations.class;
	}
}
