package io.itinera.dsl.ide.symbols;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.SymbolKind;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.symbol.HierarchicalDocumentSymbolService;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;

import io.itinera.dsl.ide.facts.JourneySummaries;
import io.itinera.dsl.journey.Campaign;
import io.itinera.dsl.journey.CustomerDecl;
import io.itinera.dsl.journey.EventDecl;
import io.itinera.dsl.journey.EventTransition;
import io.itinera.dsl.journey.FeatureDecl;
import io.itinera.dsl.journey.Journey;
import io.itinera.dsl.journey.JourneyElement;
import io.itinera.dsl.journey.ModelDecl;
import io.itinera.dsl.journey.Rule;
import io.itinera.dsl.journey.ScoreTransition;
import io.itinera.dsl.journey.Split;
import io.itinera.dsl.journey.Stage;
import io.itinera.dsl.journey.TestCase;
import io.itinera.dsl.journey.TimerTransition;
import io.itinera.dsl.journey.Transition;

/**
 * The outline: journey › stages › transitions, campaigns › rules, with the events (and their
 * fields), features, models, splits and tests beside them.
 */
public class JourneyDocumentSymbolService extends HierarchicalDocumentSymbolService {

	@Override
	public List<DocumentSymbol> getSymbols(Document document, XtextResource resource, DocumentSymbolParams params,
			CancelIndicator cancelIndicator) {
		List<DocumentSymbol> symbols = new ArrayList<>();
		EObject root = resource.getParseResult() == null ? null : resource.getParseResult().getRootASTElement();
		if (!(root instanceof Journey journey) || journey.getName() == null) {
			return symbols;
		}
		DocumentSymbol journeySymbol = symbol(document, journey, journey.getName(), journey.getTitle(),
				SymbolKind.Module);
		for (JourneyElement element : journey.getElements()) {
			DocumentSymbol child = toSymbol(document, element);
			if (child != null) {
				journeySymbol.getChildren().add(child);
			}
		}
		symbols.add(journeySymbol);
		return symbols;
	}

	private DocumentSymbol toSymbol(Document document, JourneyElement element) {
		if (element instanceof Stage stage) {
			DocumentSymbol symbol = symbol(document, stage, stage.getName(),
					stage.getPhase(), SymbolKind.Class);
			for (Transition transition : stage.getTransitions()) {
				symbol.getChildren().add(symbol(document, transition, transitionName(transition),
						"-> " + targetName(transition), SymbolKind.Event));
			}
			return symbol;
		}
		if (element instanceof Campaign campaign) {
			DocumentSymbol symbol = symbol(document, campaign, campaign.getName(), "campaign", SymbolKind.Namespace);
			for (Rule rule : campaign.getRules()) {
				symbol.getChildren().add(symbol(document, rule, rule.getTitle(),
						rule.isOtherwise() ? "otherwise" : "rule", SymbolKind.Method));
			}
			return symbol;
		}
		if (element instanceof EventDecl event) {
			DocumentSymbol symbol = symbol(document, event, event.getName(), "event", SymbolKind.Event);
			event.getFields().forEach(field -> symbol.getChildren().add(
					symbol(document, field, field.getName(), field.getType().getLiteral(), SymbolKind.Field)));
			return symbol;
		}
		if (element instanceof CustomerDecl customer) {
			DocumentSymbol symbol = symbol(document, customer, "customer", null, SymbolKind.Struct);
			customer.getAttributes().forEach(attribute -> symbol.getChildren().add(symbol(document, attribute,
					attribute.getName(), attribute.getType().getLiteral(), SymbolKind.Field)));
			return symbol;
		}
		if (element instanceof FeatureDecl feature) {
			return symbol(document, feature, feature.getName(), JourneySummaries.source(feature.getDefinition()),
					SymbolKind.Variable);
		}
		if (element instanceof ModelDecl model) {
			return symbol(document, model, model.getName(), model.getPath(), SymbolKind.Function);
		}
		if (element instanceof Split split) {
			return symbol(document, split, split.getName(), "split", SymbolKind.Namespace);
		}
		if (element instanceof TestCase test) {
			return symbol(document, test, test.getTitle(), "test", SymbolKind.Method);
		}
		return null;
	}

	private static String transitionName(Transition transition) {
		if (transition instanceof EventTransition on) {
			return "on " + (on.getEvent() == null || on.getEvent().eIsProxy() ? "?" : on.getEvent().getName());
		}
		if (transition instanceof TimerTransition timer) {
			return "after " + JourneySummaries.source(timer.getDelay());
		}
		if (transition instanceof ScoreTransition when) {
			return "when " + JourneySummaries.source(when.getCondition());
		}
		return JourneySummaries.source(transition);
	}

	private static String targetName(Transition transition) {
		Stage target = transition instanceof EventTransition on ? on.getTarget()
				: transition instanceof TimerTransition timer ? timer.getTarget()
				: transition instanceof io.itinera.dsl.journey.SegmentTransition segment ? segment.getTarget()
				: ((ScoreTransition) transition).getTarget();
		return target == null || target.eIsProxy() ? "?" : target.getName();
	}

	private static DocumentSymbol symbol(Document document, EObject element, String name, String detail,
			SymbolKind kind) {
		INode node = NodeModelUtils.findActualNodeFor(element);
		Range range = new Range(document.getPosition(node.getOffset()), document.getPosition(node.getEndOffset()));
		Range selection = range;
		List<INode> nameNodes = element.eClass().getEStructuralFeature("name") == null ? List.of()
				: NodeModelUtils.findNodesForFeature(element, element.eClass().getEStructuralFeature("name"));
		if (!nameNodes.isEmpty()) {
			INode nameNode = nameNodes.get(0);
			selection = new Range(document.getPosition(nameNode.getOffset()),
					document.getPosition(nameNode.getEndOffset()));
		}
		DocumentSymbol symbol = new DocumentSymbol(name == null || name.isBlank() ? "?" : name, kind, range,
				selection, detail);
		symbol.setChildren(new ArrayList<>());
		return symbol;
	}
}
