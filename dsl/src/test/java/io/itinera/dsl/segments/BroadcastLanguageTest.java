package io.itinera.dsl.segments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Inject;
import io.itinera.dsl.compiler.JourneyCompiler;
import io.itinera.dsl.journey.Journey;
import io.itinera.dsl.tests.JourneyInjectorProvider;
import io.itinera.dsl.validation.JourneyIssueCodes;
import io.itinera.runtime.plan.Broadcast;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.PlanJson;
import java.util.List;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.eclipse.xtext.testing.validation.ValidationTestHelper;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Broadcasts in the language: compiled into the plan; an unknown segment and a time that is not HH:MM are errors. */
@ExtendWith(InjectionExtension.class)
@InjectWith(JourneyInjectorProvider.class)
class BroadcastLanguageTest {
	static final String JOURNEY = """
			journey News {
			  entry on signup -> Reader
			  customer { newsletter: string }
			  event signup { newsletter: string }
			  segment Readers = newsletter == "yes"
			  broadcast Weekly "Monday news" {
			    every monday 10:00 to segment Readers
			    send email "weekly" topic news with source = "broadcast"
			  }
			  broadcast Daily {
			    every day 7:30 to segment Readers
			    send push "daily"
			  }
			  topic news email opt-out
			  stage Reader { }
			}
			""";

	@Inject
	ParseHelper<Journey> parser;

	@Inject
	ValidationTestHelper validator;

	@Test
	void broadcastsCompileIntoThePlan() throws Exception {
		Journey journey = parser.parse(JOURNEY);
		List<Issue> issues = validator.validate(journey);
		assertTrue(issues.stream().noneMatch(i -> i.getSeverity() == Severity.ERROR), issues::toString);
		JourneyPlan plan = new JourneyCompiler().compile(journey);
		assertEquals(plan, PlanJson.read(PlanJson.write(plan)));
		Broadcast weekly = plan.broadcasts().get(0);
		assertEquals(List.of("Weekly", "Monday news", 1, 600, "Readers", "weekly", "news", "source"), List.of(weekly.name(),
				weekly.title(), weekly.weekday(), weekly.minuteOfDay(), weekly.segment(), weekly.send().template(),
				weekly.send().topic(), weekly.send().params().get(0).name()));
		Broadcast daily = plan.broadcasts().get(1);
		assertEquals(List.of(0, 450), List.of(daily.weekday(), daily.minuteOfDay()));
	}

	@Test
	void theNewKeywordsStayUsableAsNames() throws Exception {
		Journey journey = parser.parse(JOURNEY.replace("event signup { newsletter: string }",
				"event signup { newsletter: string  to: string  monday: decimal  broadcast: string }"));
		List<Issue> issues = validator.validate(journey);
		assertTrue(issues.stream().noneMatch(i -> i.getSeverity() == Severity.ERROR), issues::toString);
	}

	@Test
	void anUnknownSegmentAndABadTimeAreErrors() throws Exception {
		List<Issue> issues = validator.validate(parser.parse(JOURNEY.replace("to segment Readers\n    send email", "to segment Raeders\n    send email")
				.replace("every day 7:30", "every day 25:30")));
		assertTrue(issues.stream().anyMatch(i -> i.getMessage().startsWith("Unknown segment 'Raeders'")), issues::toString);
		assertTrue(issues.stream().anyMatch(i -> JourneyIssueCodes.INVALID_TIME_OF_DAY.equals(i.getCode())
				&& i.getMessage().contains("'25:30' is not a time of day")), issues::toString);
	}

	@Test
	void aBroadcastSendsAtItsOwnTimeNotAtTheBestHour() throws Exception {
		List<Issue> issues = validator.validate(parser.parse(JOURNEY.replace("send push \"daily\"", "send push \"daily\" at best hour")));
		assertTrue(issues.stream().anyMatch(i -> i.getMessage().startsWith("A broadcast goes at its own time")), issues::toString);
	}

	@Test
	void aBroadcastNamedLikeACampaignIsAnErrorThatSaysRename() throws Exception {
		String clash = JOURNEY.replace("stage Reader { }", """
				stage Reader { }
				  campaign Weekly in Reader {
				    cap 1 per 7 days
				    rule "Welcome" otherwise then send email "welcome"
				  }
				""");
		List<Issue> issues = validator.validate(parser.parse(clash));
		assertTrue(issues.stream().anyMatch(i -> JourneyIssueCodes.BROADCAST_NAMED_LIKE_CAMPAIGN.equals(i.getCode())
				&& i.getMessage().startsWith("Broadcast Weekly has the name of a campaign: its sends would count against that campaign's caps")
				&& i.getMessage().contains("Rename the broadcast (e.g. `broadcast WeeklyBroadcast`)")), issues::toString);
		List<Issue> renamed = validator.validate(parser.parse(clash.replace("broadcast Weekly", "broadcast WeeklyNews")));
		assertTrue(renamed.stream().noneMatch(i -> i.getSeverity() == Severity.ERROR), renamed::toString);
	}
}
