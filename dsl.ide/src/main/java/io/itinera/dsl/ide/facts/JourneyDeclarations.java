package io.itinera.dsl.ide.facts;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.ecore.util.EcoreUtil;

import io.itinera.dsl.journey.Journey;
import io.itinera.dsl.journey.JourneyPackage;

/** The named declarations of one journey, by the kind a reference expects. */
public final class JourneyDeclarations {

	private JourneyDeclarations() {
	}

	public static Journey journeyOf(EObject any) {
		EObject root = any == null ? null : EcoreUtil.getRootContainer(any);
		return root instanceof Journey journey ? journey : null;
	}

	/** Every element of the journey that a reference of type {@code type} may name, in file order. */
	public static List<EObject> ofType(Journey journey, EClass type) {
		List<EObject> result = new ArrayList<>();
		if (journey == null) {
			return result;
		}
		journey.eAllContents().forEachRemaining(element -> {
			if (type.isSuperTypeOf(element.eClass()) && nameOf(element) != null) {
				result.add(element);
			}
		});
		return result;
	}

	public static String nameOf(EObject element) {
		EStructuralFeature name = element.eClass().getEStructuralFeature("name");
		if (name == null || name.getEType() != org.eclipse.emf.ecore.EcorePackage.Literals.ESTRING) {
			return null;
		}
		return (String) element.eGet(name);
	}

	public static EObject named(Journey journey, EClass type, String name) {
		for (EObject candidate : ofType(journey, type)) {
			if (name.equals(nameOf(candidate))) {
				return candidate;
			}
		}
		return null;
	}

	public static boolean isDeclaration(EObject element) {
		EClass type = element.eClass();
		JourneyPackage p = JourneyPackage.eINSTANCE;
		return type == p.getStage() || type == p.getEventDecl() || type == p.getField() || type == p.getAttribute()
				|| type == p.getFeatureDecl() || type == p.getModelDecl() || type == p.getCampaign()
				|| type == p.getSplit() || type == p.getSegmentDecl();
	}
}
