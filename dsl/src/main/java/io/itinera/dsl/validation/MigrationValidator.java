package io.itinera.dsl.validation;

import io.itinera.dsl.journey.JourneyPackage;
import io.itinera.dsl.journey.Migration;
import io.itinera.dsl.journey.StageMapping;
import java.util.HashSet;
import java.util.Set;
import org.eclipse.xtext.validation.Check;

/**
 * Checks a {@code migrate} block on its own. Whether its old stages exist is only known against the
 * running version: {@code itinera check NEW --against OLD} says so. An unknown target stage is a
 * linking error, with the usual fix.
 */
public class MigrationValidator extends ComposedJourneyCheck {
	private static final JourneyPackage J = JourneyPackage.eINSTANCE;



	@Check
	public void oneMappingPerOldStage(Migration migration) {
		Set<String> seen = new HashSet<>();
		for (StageMapping mapping : migration.getMappings()) {
			if (mapping.getFrom() != null && !seen.add(mapping.getFrom())) {
				error("Stage " + mapping.getFrom() + " is mapped twice; keep one `" + mapping.getFrom() + " -> …` line.", mapping,
						J.getStageMapping_From(), JourneyIssueCodes.DUPLICATE_MIGRATION);
			}
		}
	}

	@Check
	public void mappingToItselfIsTheDefault(StageMapping mapping) {
		if (!mapping.isExit() && mapping.getTo() != null && !mapping.getTo().eIsProxy()
				&& mapping.getTo().getName() != null && mapping.getTo().getName().equals(mapping.getFrom())) {
			warning("Stage " + mapping.getFrom() + " keeps its customers without this line (a stage kept by name maps to itself);"
					+ " remove it.", mapping, J.getStageMapping_From(), JourneyIssueCodes.REDUNDANT_MIGRATION);
		}
	}

}
