package io.itinera.dsl.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Inject;
import io.itinera.dsl.journey.Journey;
import io.itinera.dsl.journey.JourneyPackage;
import io.itinera.dsl.tests.JourneyInjectorProvider;
import java.util.List;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.eclipse.xtext.testing.validation.ValidationTestHelper;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The graph analyses show up as editor warnings, on the line of the stage or transition concerned. */
@ExtendWith(InjectionExtension.class)
@InjectWith(JourneyInjectorProvider.class)
class GraphAnalysisValidatorTest {
	private static final JourneyPackage J = JourneyPackage.eINSTANCE;

	@Inject
	ParseHelper<Journey> parser;

	@Inject
	ValidationTestHelper validator;

	static String journey(String stages) {
		return """
				journey Shop {
				  entry on cart_add
				  event cart_add { price: decimal }
				  event view { }
				  event purchase { amount: decimal }
				  feature cartValue = sum(cart_add.price) since last purchase
				%s
				  stage Done (purchase) { }
				}
				""".formatted(stages);
	}

	private List<Issue> graphIssues(String text) throws Exception {
		Journey journey = parser.parse(text);
		assertNotNull(journey);
		return validator.validate(journey).stream().filter(issue -> issue.getCode() != null
				&& issue.getCode().startsWith("io.itinera.journey.graph.")).toList();
	}

	@Test
	void aCleanJourneyHasNoGraphWarnings() throws Exception {
		assertEquals(List.of(), graphIssues(journey("""
				  stage Start (awareness) {
				    on cart_add if cartValue > 100 -> Big
				    on cart_add if cartValue <= 100 -> Done
				  }
				  stage Big (consideration) { after 1 day -> Done }
				""")));
	}

	@Test
	void aJourneyWithASyntaxErrorGetsNoFindingAboutWhatTheParserGuessed() throws Exception {
		String cycle = """
				  stage Start (awareness) {
				    after 1 hourz -> Reminder
				    on purchase -> Done
				  }
				  stage Reminder (consideration) {
				    after 2 days -> Start
				    on purchase -> Done
				  }
				""";
		Journey journey = parser.parse(journey(cycle));
		assertTrue(!journey.eResource().getErrors().isEmpty(), "'hourz' is a syntax error");
		assertEquals(List.of(), graphIssues(journey(cycle)));
		assertEquals(1, graphIssues(journey(cycle.replace("hourz", "hour"))).size(), "the same cycle, spelt right, is warned");
	}

	@Test
	void timerCyclesAreWarnedOnTheFirstTimer() throws Exception {
		String text = journey("""
				  stage Start (awareness) {
				    after 1 day -> Reminder
				    on purchase -> Done
				  }
				  stage Reminder (consideration) {
				    after 2 days -> Start
				    on purchase -> Done
				  }
				""");
		List<Issue> issues = graphIssues(text);
		assertEquals(1, issues.size(), issues.toString());
		Issue issue = issues.get(0);
		assertEquals(JourneyIssueCodes.GRAPH_TIMER_CYCLE, issue.getCode());
		assertEquals(Severity.WARNING, issue.getSeverity());
		assertEquals(8, issue.getLineNumber());
		assertTrue(issue.getMessage().contains("Start → Reminder → Start"), issue.getMessage());
		validator.assertWarning(parser.parse(text), J.getTimerTransition(), JourneyIssueCodes.GRAPH_TIMER_CYCLE);
	}

	@Test
	void stagesWithNoWayOutAreWarnedOnTheStageName() throws Exception {
		String text = journey("""
				  stage Start (awareness) {
				    on cart_add -> Loop
				    on purchase -> Done
				  }
				  stage Loop (consideration) { on view -> Loop }
				""");
		List<Issue> issues = graphIssues(text);
		assertEquals(1, issues.size(), issues.toString());
		assertEquals(JourneyIssueCodes.GRAPH_NO_WAY_OUT, issues.get(0).getCode());
		assertEquals(11, issues.get(0).getLineNumber());
		validator.assertWarning(parser.parse(text), J.getStage(), JourneyIssueCodes.GRAPH_NO_WAY_OUT, "Loop");
	}

	@Test
	void overlappingTransitionsAreWarnedOnTheShadowedOne() throws Exception {
		String text = journey("""
				  stage Start (awareness) {
				    on cart_add if cartValue > 100 -> Big
				    on cart_add if cartValue > 50 -> Done
				  }
				  stage Big (consideration) { after 1 day -> Done }
				""");
		List<Issue> issues = graphIssues(text);
		assertEquals(1, issues.size(), issues.toString());
		assertEquals(JourneyIssueCodes.GRAPH_OVERLAPPING_TRANSITIONS, issues.get(0).getCode());
		assertEquals(9, issues.get(0).getLineNumber());
		validator.assertWarning(parser.parse(text), J.getEventTransition(), JourneyIssueCodes.GRAPH_OVERLAPPING_TRANSITIONS);
	}

	@Test
	void brokenJourneysAreAnalysedWithoutCrashing() throws Exception {
		List<Issue> issues = validator.validate(parser.parse("""
				journey Broken {
				  entry on ghost -> Nowhere
				  stage A { on nothing -> B  after 1 day -> Missing  when unknown > 1 -> A }
				  stage B { after 1 day -> B }
				}
				"""));
		assertTrue(issues.stream().anyMatch(i -> JourneyIssueCodes.GRAPH_TIMER_CYCLE.equals(i.getCode())), issues.toString());
	}
}
