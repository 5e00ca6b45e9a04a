package io.itinera.dsl.ide.quickfix;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.xtext.CrossReference;
import org.eclipse.xtext.GrammarUtil;
import org.eclipse.xtext.ide.editor.quickfix.AbstractDeclarativeIdeQuickfixProvider;
import org.eclipse.xtext.ide.editor.quickfix.DiagnosticResolution;
import org.eclipse.xtext.ide.editor.quickfix.DiagnosticResolutionAcceptor;
import org.eclipse.xtext.ide.editor.quickfix.QuickFix;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.codeActions.ICodeActionService2.Options;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;

import com.google.inject.Inject;
import com.google.inject.Provider;

import io.itinera.dsl.ide.facts.JourneyDeclarations;
import io.itinera.dsl.journey.Campaign;
import io.itinera.dsl.journey.Cap;
import io.itinera.dsl.journey.Journey;
import io.itinera.dsl.journey.JourneyPackage;
import io.itinera.dsl.journey.Rule;
import io.itinera.dsl.validation.CampaignCapValidator;
import io.itinera.dsl.validation.JourneyIssueCodes;

/**
 * Quick fixes for the common mistakes: an unknown name is changed to the nearest declared one
 * or declared on the spot (stage, event or feature); an {@code otherwise} rule that is not the
 * campaign's last is moved last; a cap the cap warnings find wanting is shortened or added.
 */
public class JourneyQuickfixProvider extends AbstractDeclarativeIdeQuickfixProvider {

	private static final String LINKING = org.eclipse.xtext.diagnostics.Diagnostic.LINKING_DIAGNOSTIC;

	@Inject
	private Provider<DiagnosticResolutionAcceptor> acceptors;

	@Override
	public boolean handlesDiagnostic(Diagnostic diagnostic) {
		return isLinking(diagnostic) || super.handlesDiagnostic(diagnostic);
	}

	@Override
	public List<DiagnosticResolution> getResolutions(Options options, Diagnostic diagnostic) {
		if (!isLinking(diagnostic)) {
			return super.getResolutions(options, diagnostic);
		}
		DiagnosticResolutionAcceptor acceptor = acceptors.get();
		unresolvedReference((XtextResource) options.getResource(), options.getDocument(), diagnostic)
				.ifPresent(unresolved -> offerLinkingFixes(unresolved, diagnostic, acceptor));
		return acceptor.getDiagnosticResolutions(options, diagnostic);
	}

	@QuickFix(JourneyIssueCodes.OTHERWISE_NOT_LAST)
	public void moveOtherwiseLast(DiagnosticResolutionAcceptor acceptor) {
		acceptor.accept("Move the otherwise rule last", (diagnostic, element, document) -> {
			Rule rule = element == null ? null : org.eclipse.xtext.EcoreUtil2.getContainerOfType(element, Rule.class);
			if (rule == null) {
				return List.of();
			}
			return RuleMover.moveLast(rule, document);
		});
	}

	@QuickFix(JourneyIssueCodes.CAP_EQUALS_SCHEDULE_WITH_QUIET_HOURS)
	public void shortenCap(DiagnosticResolutionAcceptor acceptor) {
		acceptor.accept("Make the cap a bit shorter than the schedule", (diagnostic, element, document) -> {
			Cap cap = element == null ? null : org.eclipse.xtext.EcoreUtil2.getContainerOfType(element, Cap.class);
			return cap == null ? List.of() : CapEditor.replace(cap, CampaignCapValidator.shorterCap(cap), document);
		});
	}

	@QuickFix(JourneyIssueCodes.CAMPAIGN_WITHOUT_CAP)
	public void addCap(DiagnosticResolutionAcceptor acceptor) {
		acceptor.accept("Add `" + CapEditor.DEFAULT_CAP + "`", (diagnostic, element, document) -> {
			Campaign campaign = element == null ? null : org.eclipse.xtext.EcoreUtil2.getContainerOfType(element, Campaign.class);
			return campaign == null ? List.of() : CapEditor.addDefault(campaign, document);
		});
	}

	private void offerLinkingFixes(UnresolvedReference unresolved, Diagnostic diagnostic,
			DiagnosticResolutionAcceptor acceptor) {
		List<String> names = new ArrayList<>();
		for (EObject candidate : JourneyDeclarations.ofType(unresolved.journey(), unresolved.type())) {
			names.add(JourneyDeclarations.nameOf(candidate));
		}
		for (String name : EditDistance.nearest(unresolved.name(), names, 3)) {
			acceptor.accept("Change to '" + name + "'",
					(d, element, document) -> List.of(new TextEdit(diagnostic.getRange(), name)));
		}
		DeclarationInserter.forType(unresolved.type()).ifPresent(inserter -> {
			String kind = inserter.kind();
			acceptor.accept("Create " + kind + " '" + unresolved.name() + "'",
					(d, element, document) -> inserter.insert(unresolved.journey(), unresolved.name(), document));
		});
	}

	private static boolean isLinking(Diagnostic diagnostic) {
		return diagnostic.getCode() != null && diagnostic.getCode().isLeft()
				&& LINKING.equals(diagnostic.getCode().getLeft());
	}

	record UnresolvedReference(Journey journey, EClass type, String name) {
	}

	private static java.util.Optional<UnresolvedReference> unresolvedReference(XtextResource resource,
			Document document, Diagnostic diagnostic) {
		if (resource == null || document == null || resource.getParseResult() == null) {
			return java.util.Optional.empty();
		}
		ICompositeNode root = resource.getParseResult().getRootNode();
		Range range = diagnostic.getRange();
		int offset = document.getOffSet(range.getStart());
		ILeafNode leaf = NodeModelUtils.findLeafNodeAtOffset(root, offset);
		for (INode node = leaf; node != null; node = node.getParent()) {
			EObject grammarElement = node.getGrammarElement();
			CrossReference reference = grammarElement instanceof CrossReference direct ? direct
					: grammarElement != null && grammarElement.eContainer() instanceof CrossReference container
							? container
							: null;
			if (reference != null) {
				Journey journey = JourneyDeclarations.journeyOf(resource.getParseResult().getRootASTElement());
				EClass type = (EClass) reference.getType().getClassifier();
				String name = NodeModelUtils.getTokenText(node);
				return journey == null ? java.util.Optional.empty()
						: java.util.Optional.of(new UnresolvedReference(journey, type, name));
			}
		}
		return java.util.Optional.empty();
	}

	static EClass symbolType() {
		return JourneyPackage.Literals.SYMBOL;
	}
}
