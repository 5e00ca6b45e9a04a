package io.itinera.dsl.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Inject;
import com.google.inject.Provider;
import io.itinera.dsl.compiler.JourneyCompiler;
import io.itinera.dsl.journey.Journey;
import io.itinera.dsl.tests.JourneyInjectorProvider;
import io.itinera.dsl.validation.JourneyIssueCodes;
import io.itinera.runtime.plan.Action;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.PlanJson;
import io.itinera.runtime.plan.Topic;
import io.itinera.runtime.rules.DroolsCampaignRules;
import io.itinera.runtime.step.ConsentPolicy;
import io.itinera.runtime.testing.JourneyTestResult;
import io.itinera.runtime.testing.JourneyTestRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.eclipse.xtext.testing.validation.ValidationTestHelper;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Topics in the language: declared, named by sends and campaigns, checked by the validator, and in tests. */
@ExtendWith(InjectionExtension.class)
@InjectWith(JourneyInjectorProvider.class)
class TopicsLanguageTest {
	static final String JOURNEY = """
			journey Promo {
			  entry on visit -> Browsing
			  topic promotions email opt-out
			  topic receipts email transactional
			  event visit { }
			  event order { amount: decimal }
			  event unsubscribe { topic: string }
			  stage Browsing { on order -> Bought }
			  stage Bought { }
			  campaign Offers in Browsing {
			    topic promotions
			    rule "Offer" otherwise then send email "offer"
			  }
			  campaign Receipt in Bought {
			    rule "Receipt" otherwise then send email "receipt" topic receipts
			  }
			  test "an unsubscribed customer gets no offer but their receipt" {
			    given customer
			    on visit
			    expect send email "offer"
			    on unsubscribe with topic = "promotions"
			    on visit
			    expect no send email "offer" because not subscribed
			    expect stage Browsing
			    on order with amount = 5
			    expect send email "receipt"
			  }
			}
			""";

	@Inject
	ParseHelper<Journey> parser;

	@Inject
	ValidationTestHelper validator;

	@Inject
	Provider<XtextResourceSet> resourceSets;

	@Test
	void topicsCompileIntoThePlanAndTheJourneysTestRuns() throws Exception {
		Journey journey = parser.parse(JOURNEY);
		List<Issue> issues = validator.validate(journey);
		assertTrue(issues.stream().noneMatch(i -> i.getSeverity() == Severity.ERROR), issues::toString);
		JourneyPlan plan = new JourneyCompiler().compile(journey);
		assertEquals(plan, PlanJson.read(PlanJson.write(plan)));
		assertEquals(List.of("promotions email opt-out", "receipts email transactional"),
				plan.topics().stream().map(Topic::describe).toList());
		assertEquals("promotions", plan.campaign("Offers").topic());
		Action.Send receipt = (Action.Send) plan.campaign("Receipt").rules().get(0).actions().get(0);
		assertEquals("receipts", receipt.topic());
		assertTrue(plan.event(ConsentPolicy.SUBSCRIBE) != null, "the consent events the journey did not declare are read too");
		for (JourneyTestResult result : new JourneyTestRunner(plan, DroolsCampaignRules.forPlan(plan)).runAll()) {
			assertTrue(result.passed(), result::report);
		}
	}

	@Test
	void aTestThatExpectsTheWrongReasonFails() throws Exception {
		Journey journey = parser.parse(JOURNEY.replace("on unsubscribe with topic = \"promotions\"", "on unsubscribe with topic = \"receipts\""));
		JourneyPlan plan = new JourneyCompiler().compile(journey);
		JourneyTestResult result = new JourneyTestRunner(plan, DroolsCampaignRules.forPlan(plan)).runAll().get(0);
		assertFalse(result.passed(), "receipts are transactional: the offer still goes, so the test must fail");
		assertTrue(result.report().contains("because not subscribed"), result.report());
	}

	@Test
	void anUndeclaredTopicOrOneOfAnotherChannelIsAnError() throws Exception {
		List<Issue> issues = validator.validate(parser.parse(JOURNEY.replace("topic promotions\n", "topic promotion\n")
				.replace("send email \"receipt\" topic receipts", "send sms \"receipt\" topic receipts")));
		List<Issue> topicIssues = issues.stream().filter(i -> i.getCode() != null && i.getCode().contains(".topic.")).toList();
		assertEquals(2, topicIssues.size(), topicIssues::toString);
		assertEquals(JourneyIssueCodes.UNDECLARED_TOPIC, topicIssues.get(0).getCode());
		assertTrue(topicIssues.get(0).getMessage().contains("Topic promotion is not declared"), topicIssues.get(0).getMessage());
		assertEquals(JourneyIssueCodes.TOPIC_OF_OTHER_CHANNEL, topicIssues.get(1).getCode());
	}

	@Test
	void becauseNotSubscribedGoesWithNoSend() throws Exception {
		List<Issue> issues = validator.validate(parser.parse(JOURNEY.replace("expect no send email \"offer\" because not subscribed",
				"expect send email \"offer\" because not subscribed")));
		assertTrue(issues.stream().anyMatch(i -> JourneyIssueCodes.NOT_SUBSCRIBED_EXPECTATION.equals(i.getCode())), issues::toString);
	}

	@Test
	void aJourneyOfAWorkspaceNamesTheTopicsItsWorkspaceFileDeclares(@TempDir Path folder) throws Exception {
		String alone = JOURNEY.replace("  topic promotions email opt-out\n  topic receipts email transactional\n", "");
		Path file = folder.resolve("promo.journey");
		Files.writeString(file, alone);
		List<Issue> without = validator.validate(parser.parse(alone, URI.createFileURI(file.toString()), resourceSets.get()));
		assertEquals(2, without.stream().filter(i -> JourneyIssueCodes.UNDECLARED_TOPIC.equals(i.getCode())).count(), without::toString);

		Files.writeString(folder.resolve("itinera.workspace"), "topic promotions email opt-out\ntopic receipts email transactional\n");
		List<Issue> with = validator.validate(parser.parse(alone, URI.createFileURI(file.toString()), resourceSets.get()));
		assertTrue(with.stream().noneMatch(i -> i.getSeverity() == Severity.ERROR), with::toString);
		JourneyPlan plan = new JourneyCompiler().compile(parser.parse(alone));
		assertEquals(List.of(), plan.topics(), "a workspace's topics stay in its file");
		assertTrue(plan.event(ConsentPolicy.SUBSCRIBE) != null, "sends name topics: the consent events are read");
	}
}
