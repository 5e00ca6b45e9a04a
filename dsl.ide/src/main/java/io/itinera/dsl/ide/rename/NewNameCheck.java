package io.itinera.dsl.ide.rename;

import java.io.StringReader;
import java.util.Optional;
import java.util.Set;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.GrammarUtil;
import org.eclipse.xtext.parser.IParseResult;
import org.eclipse.xtext.parser.IParser;
import org.eclipse.xtext.util.SimpleAttributeResolver;

import com.google.inject.Inject;

import io.itinera.dsl.journey.Attribute;
import io.itinera.dsl.journey.Field;
import io.itinera.dsl.journey.Journey;
import io.itinera.dsl.journey.Symbol;
import io.itinera.dsl.services.JourneyGrammarAccess;

/**
 * Whether a declaration may take a new name: the name must be one the grammar reads as a name,
 * and no other declaration that references could mean may already have it.
 */
public class NewNameCheck {

	@Inject
	private IParser parser;

	@Inject
	private JourneyGrammarAccess grammar;

	/** What is wrong with the new name, in words that say how to fix it; empty if it may be used. */
	public Optional<String> problem(EObject declaration, String newName) {
		if (newName == null || newName.isBlank()) {
			return Optional.of("The new name is empty. Type a name such as 'NewName'.");
		}
		if (!parsesAsName(newName)) {
			return Optional.of(notAName(newName));
		}
		return namesake(declaration, newName).map(other -> "The journey already has " + article(kind(other))
				+ " named '" + newName + "'" + sharedBy(declaration) + ". Choose a name nothing else uses.");
	}

	private boolean parsesAsName(String newName) {
		IParseResult result = parser.parse(grammar.getNameRule(), new StringReader(newName));
		return !result.hasSyntaxErrors() && !newName.startsWith("^");
	}

	private String notAName(String newName) {
		Set<String> keywords = GrammarUtil.getAllKeywords(grammar.getGrammar());
		if (keywords.contains(newName)) {
			String capitalized = Character.toUpperCase(newName.charAt(0)) + newName.substring(1);
			return "'" + newName + "' is a keyword of the journey language. Choose another name, such as '"
					+ capitalized + "'.";
		}
		String suggestion = newName.strip().replaceAll("[^A-Za-z0-9_]+", "_");
		if (suggestion.isEmpty() || !Character.isLetter(suggestion.charAt(0)) && suggestion.charAt(0) != '_') {
			suggestion = "_" + suggestion;
		}
		return "'" + newName + "' is not a name: use letters, digits and _, starting with a letter or _ (such as '"
				+ suggestion + "').";
	}

	private Optional<EObject> namesake(EObject declaration, String newName) {
		EObject scope = declaration instanceof Field ? declaration.eContainer()
				: EcoreUtil2.getContainerOfType(declaration, Journey.class);
		if (scope == null || scope == declaration) {
			return Optional.empty();
		}
		for (EObject other : (Iterable<EObject>) scope::eAllContents) {
			if (other != declaration && sameNamespace(declaration, other)
					&& newName.equals(SimpleAttributeResolver.NAME_RESOLVER.apply(other))) {
				return Optional.of(other);
			}
		}
		return Optional.empty();
	}

	/** Conditions name features, attributes, events and models alike, so those share one namespace. */
	private static boolean sameNamespace(EObject declaration, EObject other) {
		if (declaration instanceof Symbol) {
			return other instanceof Symbol;
		}
		return other.eClass() == declaration.eClass();
	}

	private static String sharedBy(EObject declaration) {
		return declaration instanceof Symbol ? " (features, events, models and customer attributes share names)" : "";
	}

	private static String kind(EObject declaration) {
		if (declaration instanceof Attribute) {
			return "customer attribute";
		}
		String type = declaration.eClass().getName().replace("Decl", "");
		return switch (type) {
		case "Field" -> "event field";
		case "TestCase" -> "test";
		default -> type.toLowerCase();
		};
	}

	private static String article(String noun) {
		return ("aeiou".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
	}
}
