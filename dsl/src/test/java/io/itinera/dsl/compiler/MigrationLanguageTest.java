package io.itinera.dsl.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Inject;
import io.itinera.dsl.journey.Journey;
import io.itinera.dsl.journey.JourneyPackage;
import io.itinera.dsl.tests.JourneyInjectorProvider;
import io.itinera.dsl.validation.JourneyIssueCodes;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.Migration;
import io.itinera.runtime.plan.PlanJson;
import java.util.List;
import org.eclipse.xtext.diagnostics.Diagnostic;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.eclipse.xtext.testing.validation.ValidationTestHelper;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The {@code migrate { … }} block: parsed, compiled into the plan's Migration, validated. */
@ExtendWith(InjectionExtension.class)
@InjectWith(JourneyInjectorProvider.class)
class MigrationLanguageTest {
	@Inject
	ParseHelper<Journey> parser;

	@Inject
	ValidationTestHelper validator;

	private static String journey(String migrate) {
		return """
				journey Shop {
				  entry on cart_add
				  event cart_add { }
				  event purchase { }
				  stage Carted (consideration) {
				    on purchase -> Bought
				    after 1 hour -> Reminded
				  }
				  stage Reminded (consideration) { on purchase -> Bought }
				  stage Bought (purchase) { }
				  %s
				}
				""".formatted(migrate);
	}

	@Test
	void mappingsAndTheTimerChoiceReachThePlanAndItsJson() throws Exception {
		Journey journey = parser.parse(journey("""
				migrate {
				    timers from now
				    Abandoned -> Reminded
				    Lapsed -> exit
				  }"""));
		validator.assertNoErrors(journey);
		JourneyPlan plan = new JourneyCompiler().compile(journey);
		Migration migration = plan.migration();
		assertEquals(Migration.TimerBasis.NOW, migration.timers());
		assertEquals(List.of("Abandoned", "Lapsed"), migration.stages().stream().map(Migration.StageMapping::from).toList());
		assertEquals("Reminded", migration.mappingOf("Abandoned").to());
		assertNull(migration.mappingOf("Lapsed").to());
		assertEquals(14, migration.mappingOf("Lapsed").location().line());
		assertEquals(plan, PlanJson.read(PlanJson.write(plan)));
	}

	@Test
	void timersCountFromEntryUnlessToldAndNoBlockMeansNoMigration() throws Exception {
		assertEquals(Migration.TimerBasis.ENTRY,
				new JourneyCompiler().compile(parser.parse(journey("migrate { Abandoned -> Reminded }"))).migration().timers());
		assertNull(new JourneyCompiler().compile(parser.parse(journey(""))).migration());
	}

	@Test
	void anUnknownTargetStageSaysHowToFixIt() throws Exception {
		List<Issue> issues = validator.validate(parser.parse(journey("migrate { Abandoned -> Remindd }")));
		assertTrue(issues.stream().anyMatch(i -> Diagnostic.LINKING_DIAGNOSTIC.equals(i.getCode())
				&& i.getMessage().contains("Unknown stage 'Remindd'") && i.getMessage().contains("fix the name")), issues.toString());
	}

	@Test
	void anOldStageMappedTwiceIsAnError() throws Exception {
		Journey journey = parser.parse(journey("migrate { Abandoned -> Reminded  Abandoned -> exit }"));
		validator.assertError(journey, JourneyPackage.Literals.STAGE_MAPPING, JourneyIssueCodes.DUPLICATE_MIGRATION,
				"Stage Abandoned is mapped twice");
	}

	@Test
	void aStageMappedToItselfIsRedundant() throws Exception {
		Journey journey = parser.parse(journey("migrate { Carted -> Carted }"));
		validator.assertWarning(journey, JourneyPackage.Literals.STAGE_MAPPING, JourneyIssueCodes.REDUNDANT_MIGRATION);
	}

	@Test
	void oneMigrateBlockPerJourney() throws Exception {
		Journey journey = parser.parse(journey("migrate { Abandoned -> Reminded }\n  migrate { Lapsed -> exit }"));
		validator.assertError(journey, JourneyPackage.Literals.MIGRATION, JourneyIssueCodes.DUPLICATE_DECLARATION);
	}
}
