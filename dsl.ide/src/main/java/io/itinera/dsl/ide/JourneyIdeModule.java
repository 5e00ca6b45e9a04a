package io.itinera.dsl.ide;

import org.eclipse.xtext.ide.editor.contentassist.IdeContentProposalProvider;
import org.eclipse.xtext.ide.editor.quickfix.IQuickFixProvider;
import org.eclipse.xtext.ide.editor.syntaxcoloring.ISemanticHighlightingCalculator;
import org.eclipse.xtext.ide.server.codeActions.ICodeActionService2;
import org.eclipse.xtext.ide.server.codeActions.QuickFixCodeActionService;
import org.eclipse.xtext.ide.server.codelens.ICodeLensService;
import org.eclipse.xtext.ide.server.commands.IExecutableCommandService;
import org.eclipse.xtext.ide.server.formatting.FormattingService;
import org.eclipse.xtext.ide.server.hover.IHoverService;
import org.eclipse.xtext.ide.server.rename.IRenameService2;
import org.eclipse.xtext.ide.server.symbol.HierarchicalDocumentSymbolService;

import io.itinera.dsl.ide.codelens.StageCodeLensService;
import io.itinera.dsl.ide.contentassist.JourneyContentProposalProvider;
import io.itinera.dsl.ide.formatting.JourneyFormattingService;
import io.itinera.dsl.ide.graph.JourneyCommandService;
import io.itinera.dsl.ide.highlighting.JourneySemanticHighlightingCalculator;
import io.itinera.dsl.ide.hover.JourneyHoverService;
import io.itinera.dsl.ide.quickfix.JourneyQuickfixProvider;
import io.itinera.dsl.ide.rename.JourneyRenameService;
import io.itinera.dsl.ide.symbols.JourneyDocumentSymbolService;

/** The journey editor services, on top of Xtext's defaults (definition, references, rename, folding). */
public class JourneyIdeModule extends AbstractJourneyIdeModule {

	public Class<? extends IdeContentProposalProvider> bindIdeContentProposalProvider() {
		return JourneyContentProposalProvider.class;
	}

	public Class<? extends IHoverService> bindIHoverService() {
		return JourneyHoverService.class;
	}

	public Class<? extends ISemanticHighlightingCalculator> bindISemanticHighlightingCalculator() {
		return JourneySemanticHighlightingCalculator.class;
	}

	public Class<? extends HierarchicalDocumentSymbolService> bindHierarchicalDocumentSymbolService() {
		return JourneyDocumentSymbolService.class;
	}

	public Class<? extends ICodeLensService> bindICodeLensService() {
		return StageCodeLensService.class;
	}

	public Class<? extends IQuickFixProvider> bindIQuickFixProvider() {
		return JourneyQuickfixProvider.class;
	}

	public Class<? extends ICodeActionService2> bindICodeActionService2() {
		return QuickFixCodeActionService.class;
	}

	public Class<? extends IExecutableCommandService> bindIExecutableCommandService() {
		return JourneyCommandService.class;
	}

	public Class<? extends IRenameService2> bindIRenameService2() {
		return JourneyRenameService.class;
	}

	public Class<? extends FormattingService> bindFormattingService() {
		return JourneyFormattingService.class;
	}
}
