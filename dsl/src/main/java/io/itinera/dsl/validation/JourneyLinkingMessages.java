package io.itinera.dsl.validation;

import org.eclipse.emf.ecore.EClass;
import org.eclipse.xtext.diagnostics.Diagnostic;
import org.eclipse.xtext.diagnostics.DiagnosticMessage;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.linking.impl.LinkingDiagnosticMessageProvider;

import io.itinera.dsl.journey.JourneyPackage;
import io.itinera.runtime.text.Shown;

/**
 * Unresolved names say what kind of thing was expected and how to declare it. The issue data
 * carries the missing name and its kind, for the editor's "create it" and "did you mean" fixes.
 */
public class JourneyLinkingMessages extends LinkingDiagnosticMessageProvider {

	@Override
	public DiagnosticMessage getUnresolvedProxyMessage(ILinkingDiagnosticContext context) {
		EClass expected = context.getReference().getEReferenceType();
		String name = context.getLinkText();
		String shown = Shown.token(name);
		String message = "Unknown " + describe(expected) + " '" + shown + "'. " + howToDeclare(expected, shown);
		return new DiagnosticMessage(message, Severity.ERROR, Diagnostic.LINKING_DIAGNOSTIC,
				name, expected.getName());
	}

	static String describe(EClass type) {
		JourneyPackage p = JourneyPackage.eINSTANCE;
		if (type == p.getStage()) return "stage";
		if (type == p.getEventDecl()) return "event";
		if (type == p.getField()) return "event field";
		if (type == p.getFeatureDecl()) return "feature";
		if (type == p.getModelDecl()) return "model";
		if (type == p.getCampaign()) return "campaign";
		if (type == p.getSegmentDecl()) return "segment";
		if (type == p.getSymbol()) return "name";
		return type.getName();
	}

	private static String howToDeclare(EClass type, String name) {
		JourneyPackage p = JourneyPackage.eINSTANCE;
		if (type == p.getStage()) return "Declare it with `stage " + name + " (awareness) { }` or fix the name.";
		if (type == p.getEventDecl()) return "Declare it with `event " + name + " { }` or fix the name.";
		if (type == p.getField()) return "Add `" + name + ": decimal` (or the right type) to the event's fields, or fix the name.";
		if (type == p.getFeatureDecl()) return "Declare it with `feature " + name + " = count(EVENT) over 7 days` or fix the name.";
		if (type == p.getModelDecl()) return "Declare it with `model " + name + " \"models/" + name + ".onnx\" { inputs ... output probability }` or fix the name.";
		if (type == p.getSegmentDecl()) return "Declare it with `segment " + name + " \"who they are\" = CONDITION` (over features, attributes and scores) or fix the name.";
		if (type == p.getCampaign()) return "Declare it with `campaign " + name + " in STAGE { ... }` or fix the name.";
		if (type == p.getSymbol()) return "Use a declared feature, customer attribute, model or event.field, or declare `feature " + name + " = ...`.";
		return "Declare it or fix the name.";
	}
}
