package io.itinera.dsl.ide.highlighting;

import java.util.List;

import org.eclipse.emf.ecore.EClass;
import org.eclipse.lsp4j.SemanticTokenModifiers;
import org.eclipse.lsp4j.SemanticTokenTypes;

import io.itinera.dsl.journey.JourneyPackage;

/** The LSP semantic token types and modifiers the journey highlighter emits. */
public final class JourneyTokenTypes {
	public static final String STAGE = SemanticTokenTypes.Class;
	public static final String EVENT = SemanticTokenTypes.Event;
	public static final String FIELD = SemanticTokenTypes.Property;
	public static final String FEATURE = SemanticTokenTypes.Variable;
	public static final String MODEL = SemanticTokenTypes.Function;
	public static final String CAMPAIGN = SemanticTokenTypes.Namespace;
	public static final String ENUM_MEMBER = SemanticTokenTypes.EnumMember;
	public static final String OTHER = SemanticTokenTypes.Type;
	public static final String DECLARATION = SemanticTokenModifiers.Declaration;

	public static final List<String> TYPES = List.of(STAGE, EVENT, FIELD, FEATURE, MODEL, CAMPAIGN, ENUM_MEMBER, OTHER);
	public static final List<String> MODIFIERS = List.of(DECLARATION);

	private JourneyTokenTypes() {
	}

	public static String forDeclaration(EClass type) {
		JourneyPackage p = JourneyPackage.eINSTANCE;
		if (type == p.getStage()) {
			return STAGE;
		}
		if (type == p.getEventDecl()) {
			return EVENT;
		}
		if (type == p.getField() || type == p.getAttribute()) {
			return FIELD;
		}
		if (type == p.getFeatureDecl()) {
			return FEATURE;
		}
		if (type == p.getModelDecl()) {
			return MODEL;
		}
		if (type == p.getCampaign() || type == p.getSplit()) {
			return CAMPAIGN;
		}
		return OTHER;
	}
}
