package io.itinera.dsl.validation;

import io.itinera.dsl.journey.JourneyPackage;
import java.util.List;
import org.eclipse.emf.ecore.EPackage;
import org.eclipse.xtext.validation.AbstractDeclarativeValidator;
import org.eclipse.xtext.validation.EValidatorRegistrar;

/**
 * A group of checks composed into {@link JourneyValidator} (its {@code @ComposedChecks}); it never
 * registers on its own, which would run every check twice.
 */
public abstract class ComposedJourneyCheck extends AbstractDeclarativeValidator {
	@Override
	protected List<EPackage> getEPackages() {
		return List.of(JourneyPackage.eINSTANCE);
	}

	@Override
	public void register(EValidatorRegistrar registrar) {
	}
}
