package io.itinera.dsl.ide.highlighting;

import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.xtext.CrossReference;
import org.eclipse.xtext.GrammarUtil;
import org.eclipse.xtext.ide.editor.syntaxcoloring.IHighlightedPositionAcceptor;
import org.eclipse.xtext.ide.editor.syntaxcoloring.ISemanticHighlightingCalculator;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;

import io.itinera.dsl.ide.facts.JourneyDeclarations;
import io.itinera.dsl.journey.Journey;
import io.itinera.dsl.journey.JourneyPackage;

/**
 * Colours names by what they denote, declarations and references alike, as LSP semantic token
 * types: stages are classes, events events, fields and attributes properties, features
 * variables, models functions, campaigns and splits namespaces; phases, channels and time
 * units are enum members.
 */
public class JourneySemanticHighlightingCalculator implements ISemanticHighlightingCalculator {

	@Override
	public void provideHighlightingFor(XtextResource resource, IHighlightedPositionAcceptor acceptor,
			CancelIndicator cancelIndicator) {
		if (resource == null || resource.getParseResult() == null) {
			return;
		}
		EObject root = resource.getParseResult().getRootASTElement();
		if (!(root instanceof Journey journey)) {
			return;
		}
		JourneyPackage p = JourneyPackage.eINSTANCE;
		journey.eAllContents().forEachRemaining(element -> {
			if (cancelIndicator.isCanceled()) {
				return;
			}
			if (JourneyDeclarations.isDeclaration(element)) {
				String type = JourneyTokenTypes.forDeclaration(element.eClass());
				for (INode node : NodeModelUtils.findNodesForFeature(element,
						element.eClass().getEStructuralFeature("name"))) {
					acceptor.addPosition(node.getOffset(), node.getLength(), type, JourneyTokenTypes.DECLARATION);
				}
			}
			for (EReference reference : element.eClass().getEAllReferences()) {
				if (reference.isContainment()) {
					continue;
				}
				for (INode node : NodeModelUtils.findNodesForFeature(element, reference)) {
					CrossReference crossReference = crossReferenceOf(node);
					if (crossReference != null) {
						addReference(acceptor, node, element, reference, (EClass) crossReference.getType().getClassifier());
					}
				}
			}
			highlightEnum(acceptor, element, p.getStage_Phase());
			highlightEnum(acceptor, element, p.getPhaseList_Phases());
			highlightEnum(acceptor, element, p.getSendAction_Channel());
			highlightEnum(acceptor, element, p.getSendExpectation_Channel());
			highlightEnum(acceptor, element, p.getCap_Channel());
			highlightEnum(acceptor, element, p.getDuration_Unit());
		});
	}

	static CrossReference crossReferenceOf(INode node) {
		EObject grammarElement = node.getGrammarElement();
		if (grammarElement instanceof CrossReference crossReference) {
			return crossReference;
		}
		return grammarElement != null && grammarElement.eContainer() instanceof CrossReference crossReference
				? crossReference
				: null;
	}

	private static void addReference(IHighlightedPositionAcceptor acceptor, INode node, EObject owner,
			EReference reference, EClass declaredTarget) {
		Object value = owner.eGet(reference, false);
		EClass target = value instanceof EObject resolved && !resolved.eIsProxy() ? resolved.eClass() : declaredTarget;
		acceptor.addPosition(node.getOffset(), node.getLength(), JourneyTokenTypes.forDeclaration(target));
	}

	private static void highlightEnum(IHighlightedPositionAcceptor acceptor, EObject element,
			org.eclipse.emf.ecore.EAttribute attribute) {
		if (attribute.getEContainingClass().isSuperTypeOf(element.eClass())) {
			for (INode node : NodeModelUtils.findNodesForFeature(element, attribute)) {
				acceptor.addPosition(node.getOffset(), node.getLength(), JourneyTokenTypes.ENUM_MEMBER);
			}
		}
	}
}
