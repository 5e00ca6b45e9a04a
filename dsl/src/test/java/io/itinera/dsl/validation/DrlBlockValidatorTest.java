package io.itinera.dsl.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Inject;
import com.google.inject.Provider;
import io.itinera.dsl.journey.Journey;
import io.itinera.dsl.tests.JourneyInjectorProvider;
import java.util.List;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.eclipse.xtext.testing.validation.ValidationTestHelper;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(InjectionExtension.class)
@InjectWith(JourneyInjectorProvider.class)
class DrlBlockValidatorTest {
	@Inject
	ParseHelper<Journey> parser;

	@Inject
	ValidationTestHelper validator;

	@Inject
	Provider<XtextResourceSet> resourceSets;

	private List<Issue> drlIssues(String block) throws Exception {
		return drlIssues(block, false);
	}

	private List<Issue> drlIssues(String block, boolean forbidRawDrl) throws Exception {
		String text = JourneyValidationTest.journey("""
				campaign Rescue in Abandoned {
				    rule "Plain" otherwise then send push "cart_reminder"
				    drl \"""
				      rule "Rescue :: raw"
				      when
				        $customer : CustomerFact( %s )
				      then
				        decisions.tag("Rescue", "raw", "seen");
				      end
				    \"""
				  }
				""".formatted(block));
		XtextResourceSet resourceSet = resourceSets.get();
		if (forbidRawDrl) {
			DrlBlockValidator.forbidRawDrl(resourceSet);
		}
		Journey journey = parser.parse(text, resourceSet);
		return validator.validate(journey).stream()
				.filter(i -> i.getCode() != null && i.getCode().startsWith(JourneyIssueCodes.DRL_ERROR.replace("error", "")))
				.toList();
	}

	/** The line of the journey text that contains {@code marker}, 1-based. */
	private static int lineOf(String marker) {
		String[] lines = JourneyValidationTest.journey("""
				campaign Rescue in Abandoned {
				    rule "Plain" otherwise then send push "cart_reminder"
				    drl \"""
				      rule "Rescue :: raw"
				      when
				        $customer : CustomerFact( %s )
				""".formatted(marker)).split("\n");
		for (int i = 0; i < lines.length; i++) {
			if (lines[i].contains(marker)) {
				return i + 1;
			}
		}
		throw new AssertionError(marker);
	}

	@Test
	void aValidRawBlockHasNoIssue() throws Exception {
		assertEquals(List.of(), drlIssues("number(\"spend\") > 1000"));
	}

	@Test
	void aDrlErrorIsReportedAtTheJourneyLineInsideTheBlock() throws Exception {
		List<Issue> issues = drlIssues("nosuchProperty > 3");
		assertEquals(1, issues.size(), issues::toString);
		Issue issue = issues.get(0);
		assertEquals(JourneyIssueCodes.DRL_ERROR, issue.getCode());
		assertEquals(lineOf("nosuchProperty > 3"), issue.getLineNumber());
		assertTrue(issue.getMessage().startsWith("Drools cannot compile this drl block"), issue.getMessage());
		assertTrue(issue.getMessage().contains("nosuchProperty"), issue.getMessage());
	}

	@Test
	void aSyntaxErrorIsReportedAtItsLineToo() throws Exception {
		List<Issue> issues = drlIssues("stage == ");
		assertTrue(!issues.isEmpty());
		assertEquals(lineOf("stage == "), issues.get(0).getLineNumber(), issues::toString);
	}

	@Test
	void rawDrlCanBeForbidden() throws Exception {
		List<Issue> issues = drlIssues("number(\"spend\") > 1000", true);
		assertEquals(1, issues.size(), issues::toString);
		assertEquals(JourneyIssueCodes.RAW_DRL_FORBIDDEN, issues.get(0).getCode());
		assertTrue(issues.get(0).getMessage().contains("Campaign Rescue has a raw drl block"), issues.get(0).getMessage());
		assertTrue(issues.get(0).getMessage().contains("--allow-raw-drl"));
		assertEquals(List.of(), drlIssues("number(\"spend\") > 1000"), "another resource set is not marked");
	}
}
