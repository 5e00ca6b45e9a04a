package io.itinera.dsl.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Inject;
import io.itinera.dsl.journey.Journey;
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

/** Caps that quietly stop a campaign's messages, or are missing where rules run again on every event. */
@ExtendWith(InjectionExtension.class)
@InjectWith(JourneyInjectorProvider.class)
class CampaignCapValidatorTest {
	@Inject
	ParseHelper<Journey> parser;

	@Inject
	ValidationTestHelper validator;

	private List<Issue> issues(String campaign) throws Exception {
		Journey journey = parser.parse("""
				journey Lapsers {
				  entry on order -> Active
				  event order { amount: decimal }
				  event visit { }
				  stage Active {
				    on order -> Active
				    after 60 days -> Lapsing
				  }
				  stage Lapsing {
				    on order -> Active
				    after 90 days -> Lost
				  }
				  stage Lost { }
				  %s
				}
				""".formatted(campaign));
		return validator.validate(journey);
	}

	private static List<Issue> capIssues(List<Issue> issues) {
		return issues.stream().filter(i -> i.getCode() != null && i.getCode().contains(".cap.")).toList();
	}

	private static List<Issue> withCode(List<Issue> issues, String code) {
		return issues.stream().filter(i -> code.equals(i.getCode())).toList();
	}

	@Test
	void aMonthlyCapEqualToAMonthlyScheduleWithQuietHoursWarns() throws Exception {
		List<Issue> issues = issues("""
				campaign Remind in Lapsing {
				  every 30 days
				  cap 1 per 30 days
				  quiet hours 21:00 - 08:00
				  rule "Miss you" otherwise then send email "we_miss_you"
				}
				""");
		List<Issue> found = withCode(issues, JourneyIssueCodes.CAP_EQUALS_SCHEDULE_WITH_QUIET_HOURS);
		assertEquals(1, found.size(), issues::toString);
		assertEquals(Severity.WARNING, found.get(0).getSeverity());
		assertTrue(found.get(0).getMessage().contains("`cap 1 per 29 days`"), found.get(0)::getMessage);
		assertTrue(found.get(0).getMessage().contains("dates only"), found.get(0)::getMessage);
		assertEquals(List.of("cap 1 per 29 days"), List.of(found.get(0).getData()));
	}

	@Test
	void aDailyScheduleGetsACapShorterByTheQuietHours() throws Exception {
		List<Issue> issues = issues("""
				campaign Remind in Lapsing {
				  every 1 day
				  cap 1 per 24 hours
				  quiet hours 22:00 - 08:00
				  rule "Miss you" otherwise then send email "we_miss_you"
				}
				""");
		List<Issue> found = withCode(issues, JourneyIssueCodes.CAP_EQUALS_SCHEDULE_WITH_QUIET_HOURS);
		assertEquals(1, found.size(), issues::toString);
		assertTrue(found.get(0).getMessage().contains("`cap 1 per 14 hours`"), found.get(0)::getMessage);
	}

	@Test
	void aShorterCapOrNoQuietHoursIsFine() throws Exception {
		assertEquals(List.of(), capIssues(issues("""
				campaign Remind in Lapsing {
				  every 30 days
				  cap 1 per 29 days
				  quiet hours 21:00 - 08:00
				  rule "Miss you" otherwise then send email "we_miss_you"
				}
				""")));
		assertEquals(List.of(), capIssues(issues("""
				campaign Remind in Lapsing {
				  every 30 days
				  cap 1 per 30 days
				  rule "Miss you" otherwise then send email "we_miss_you"
				}
				""")));
	}

	@Test
	void aCapLongerThanTheScheduleWarns() throws Exception {
		List<Issue> issues = issues("""
				campaign Remind in Lapsing {
				  every 7 days
				  cap 1 per 30 days
				  rule "Miss you" otherwise then send email "we_miss_you"
				}
				""");
		List<Issue> found = withCode(issues, JourneyIssueCodes.CAP_LONGER_THAN_SCHEDULE);
		assertEquals(1, found.size(), issues::toString);
		assertTrue(found.get(0).getMessage().contains("`cap 1 per 7 days`"), found.get(0)::getMessage);
		assertTrue(found.get(0).getMessage().contains("`every 30 days`"), found.get(0)::getMessage);
		assertEquals(List.of(), withCode(issues("""
				campaign Remind in Lapsing {
				  every 1 day
				  cap 3 per 3 days
				  rule "Miss you" otherwise then send email "we_miss_you"
				}
				"""), JourneyIssueCodes.CAP_LONGER_THAN_SCHEDULE), "three a day over three days is what the schedule sends");
	}

	@Test
	void noCapWhereEventsKeepTheCustomerInTheStageWarns() throws Exception {
		List<Issue> issues = issues("""
				campaign Thanks in Lost {
				  rule "VIP thank-you" otherwise then send email "thank_you"
				}
				""");
		List<Issue> found = withCode(issues, JourneyIssueCodes.CAMPAIGN_WITHOUT_CAP);
		assertEquals(1, found.size(), issues::toString);
		assertTrue(found.get(0).getMessage().contains("runs again on every event") || found.get(0).getMessage().contains("run again on every event"),
				found.get(0)::getMessage);
		assertTrue(found.get(0).getMessage().contains("`cap 1 per"), found.get(0)::getMessage);
		assertTrue(found.get(0).getMessage().contains("'order'"), found.get(0)::getMessage);
	}

	@Test
	void noCapIsFineWhenEveryEventLeavesTheStageOrNothingIsSent() throws Exception {
		Journey journey = parser.parse("""
				journey Carts {
				  entry on cart_add -> Carted
				  exit on unsubscribe
				  event cart_add { }
				  event purchase { }
				  event unsubscribe { }
				  stage Carted {
				    on purchase -> Bought
				    on cart_add -> Carted2
				  }
				  stage Carted2 { on purchase -> Bought  on cart_add -> Carted }
				  stage Bought { }
				  campaign Nudge in Carted { rule "nudge" otherwise then send push "nudge" }
				  campaign Tagged in Bought { rule "tag" otherwise then tag "bought" }
				}
				""");
		List<Issue> issues = validator.validate(journey);
		assertEquals(List.of(), withCode(issues, JourneyIssueCodes.CAMPAIGN_WITHOUT_CAP), issues::toString);
	}
}
