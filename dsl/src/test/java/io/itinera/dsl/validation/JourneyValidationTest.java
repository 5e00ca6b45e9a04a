package io.itinera.dsl.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.eclipse.emf.ecore.EClass;
import org.eclipse.xtext.diagnostics.Diagnostic;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.eclipse.xtext.testing.validation.ValidationTestHelper;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.inject.Inject;

import io.itinera.dsl.journey.Journey;
import io.itinera.dsl.journey.JourneyPackage;
import io.itinera.dsl.tests.JourneyInjectorProvider;

/**
 * The validator against journeys with one mistake each: the exact code, and a message that
 * names the offending element. The skeleton below is a clean journey each test bends.
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(JourneyInjectorProvider.class)
class JourneyValidationTest {
	private static final JourneyPackage J = JourneyPackage.eINSTANCE;

	@Inject
	ParseHelper<Journey> parser;

	@Inject
	ValidationTestHelper validator;

	/** A small but complete journey; {@code %s} marks where a test adds declarations. */
	static String journey(String extra) {
		return """
				journey Shop "A shop" {
				  entry on cart_add
				  exit on purchase
				  goal purchase within 7 days
				  customer { email: string  tier: string  vip: boolean }
				  event cart_add { productId: string  price: decimal }
				  event purchase { orderId: string  amount: decimal }
				  feature cartValue = sum(cart_add.price) since last purchase
				  feature daysIdle = days since last purchase
				  model intent "models/intent.onnx" { inputs cartValue, daysIdle output probability }
				  stage Browsing (awareness) { on cart_add -> Carted }
				  stage Carted (consideration) {
				    on purchase -> Bought
				    after 1 hour -> Abandoned
				  }
				  stage Abandoned (consideration) { when intent > 0.6 -> Bought }
				  stage Bought (purchase) { }
				  %s
				}
				""".formatted(extra);
	}

	private Journey parse(String text) throws Exception {
		Journey journey = parser.parse(text);
		assertNotNull(journey, "did not parse at all");
		return journey;
	}

	private void assertOnly(Journey journey, EClass type, String code, String... messageParts) {
		List<Issue> issues = validator.validate(journey);
		List<Issue> matching = issues.stream().filter(i -> code.equals(i.getCode())).toList();
		assertEquals(1, matching.size(), () -> "expected one " + code + " in " + issues);
		for (String part : messageParts) {
			assertTrue(matching.get(0).getMessage().contains(part),
					() -> "message '" + matching.get(0).getMessage() + "' should name '" + part + "'");
		}
		validator.assertError(journey, type, code);
	}

	// ------------------------------------------------------------ clean input

	@Test
	void theSkeletonIsClean() throws Exception {
		validator.assertNoIssues(parse(journey("")));
	}

	@Test
	void keywordsStayUsableAsNames() throws Exception {
		Journey journey = parse(journey("feature first = count(purchase) over 30 days\n"
				+ "campaign Thanks in Bought { rule \"thanks\" when first > 0 and email != \"\" then send email \"thanks\" }"));
		validator.assertNoErrors(journey);
	}

	@Test
	void aFullCampaignWithSplitAndTestsIsClean() throws Exception {
		Journey journey = parse(journey("""
				campaign Rescue in Abandoned {
				  cap 2 per 1 day on email
				  quiet hours 22:00 - 08:00
				  rule "Coupon" when cartValue > 100 and tier in ["gold", "silver"] and not vip
				    then send email "coupon {{tier}}" with code = "SAVE10", value = cartValue * 0.1
				    then tag "rescued"
				  rule "Call us" when daysIdle > 30 days then webhook "https://crm.local/{{email}}"
				  rule "Reminder" otherwise then send push "reminder"
				}
				split Test in Abandoned { 80% Rescue, 20% holdout }
				test "coupon" {
				  given customer in Abandoned with cartValue = 150, tier = "gold", daysIdle = 3 days, intent = 0.2
				  at 10:00
				  on cart_add with productId = "p1", price = 20
				  expect send email "coupon {{tier}}"
				  expect tag "rescued"
				}
				test "holdout gets nothing" { given holdout customer in Abandoned expect nothing }
				"""));
		validator.assertNoIssues(journey);
	}

	@Test
	void eventFieldsOfTheTriggeringEventAreFine() throws Exception {
		Journey journey = parse(journey("stage Vip (loyalty) { on purchase if purchase.amount > 500 -> Bought }"));
		validator.assertNoErrors(journey);
	}

	// ------------------------------------------------------------ malformed input

	@Test
	void missingEntry() throws Exception {
		Journey journey = parse(journey("").replace("entry on cart_add", ""));
		assertOnly(journey, J.getJourney(), JourneyIssueCodes.MISSING_ENTRY, "Shop", "entry on");
	}

	@Test
	void twoEntries() throws Exception {
		assertOnly(parse(journey("entry on purchase")), J.getEntry(), JourneyIssueCodes.DUPLICATE_DECLARATION, "entry");
	}

	@Test
	void duplicateStage() throws Exception {
		assertOnly(parse(journey("stage Carted (loyalty) { }")), J.getStage(), JourneyIssueCodes.DUPLICATE_NAME, "Carted");
	}

	@Test
	void featureNamedLikeAnAttribute() throws Exception {
		assertOnly(parse(journey("feature tier = count(purchase)")), J.getFeatureDecl(),
				JourneyIssueCodes.DUPLICATE_NAME, "tier");
	}

	@Test
	void duplicateRuleTitles() throws Exception {
		Journey journey = parse(journey("""
				campaign C in Abandoned {
				  rule "Nudge" when cartValue > 1 then send push "a"
				  rule "Nudge" when cartValue > 2 then send push "b"
				}"""));
		assertOnly(journey, J.getRule(), JourneyIssueCodes.DUPLICATE_NAME, "Nudge");
	}

	@Test
	void unknownStage() throws Exception {
		Journey journey = parse(journey("stage Lost (awareness) { after 3 days -> Gonne }"));
		assertOnly(journey, J.getTimerTransition(), Diagnostic.LINKING_DIAGNOSTIC, "stage 'Gonne'", "stage Gonne");
	}

	@Test
	void unknownEventField() throws Exception {
		Journey journey = parse(journey("feature avgPrice = avg(cart_add.cost) over 7 days\n"
				+ "campaign C in Carted { rule \"r\" when avgPrice > 1 then send push \"p\" }"));
		assertOnly(journey, J.getAggregate(), Diagnostic.LINKING_DIAGNOSTIC, "event field 'cost'");
	}

	@Test
	void unknownNameInCondition() throws Exception {
		Journey journey = parse(journey("campaign C in Carted { rule \"r\" when cartValu > 1 then send push \"p\" }"));
		assertOnly(journey, J.getSymbolRef(), Diagnostic.LINKING_DIAGNOSTIC, "'cartValu'");
	}

	@Test
	void stringComparedWithNumber() throws Exception {
		Journey journey = parse(journey("campaign C in Carted { rule \"r\" when tier > 3 then send push \"p\" }"));
		assertOnly(journey, J.getBinary(), JourneyIssueCodes.TYPE_MISMATCH, "string", ">");
	}

	@Test
	void durationComparedWithPlainNumber() throws Exception {
		Journey journey = parse(journey("campaign C in Carted { rule \"r\" when daysIdle > 30 then send push \"p\" }"));
		assertOnly(journey, J.getBinary(), JourneyIssueCodes.TYPE_MISMATCH, "duration", "30 days");
	}

	@Test
	void conditionThatIsNotATest() throws Exception {
		Journey journey = parse(journey("campaign C in Carted { rule \"r\" when cartValue + 1 then send push \"p\" }"));
		assertOnly(journey, J.getRule(), JourneyIssueCodes.CONDITION_NOT_BOOLEAN, "cartValue + 1");
	}

	@Test
	void sumOfAStringField() throws Exception {
		Journey journey = parse(journey("feature ids = sum(cart_add.productId) over 7 days\n"
				+ "campaign C in Carted { rule \"r\" when ids > 1 then send push \"p\" }"));
		assertOnly(journey, J.getAggregate(), JourneyIssueCodes.NON_NUMERIC_AGGREGATE, "cart_add.productId", "string");
	}

	@Test
	void aGoalValueMustBeNumeric() throws Exception {
		Journey journey = parse(journey("").replace("within 7 days", "within 7 days value orderId"));
		assertOnly(journey, J.getGoal(), JourneyIssueCodes.NON_NUMERIC_GOAL_VALUE, "purchase.orderId", "string",
				"value amount");
	}

	@Test
	void aGoalValueMustBeAFieldOfTheGoalEvent() throws Exception {
		Journey journey = parse(journey("").replace("within 7 days", "within 7 days value price"));
		assertOnly(journey, J.getGoal(), Diagnostic.LINKING_DIAGNOSTIC, "event field 'price'", "price: decimal");
	}

	@Test
	void aNumericGoalValueIsClean() throws Exception {
		validator.assertNoIssues(parse(journey("").replace("within 7 days", "within 7 days value amount")));
	}

	@Test
	void sumWithoutField() throws Exception {
		Journey journey = parse(journey("feature total = sum(purchase) over 7 days\n"
				+ "campaign C in Carted { rule \"r\" when total > 1 then send push \"p\" }"));
		assertOnly(journey, J.getAggregate(), JourneyIssueCodes.AGGREGATE_NEEDS_FIELD, "sum(purchase.FIELD)");
	}

	@Test
	void zeroDuration() throws Exception {
		Journey journey = parse(journey("stage Lost (awareness) { after 0 days -> Bought }"));
		assertOnly(journey, J.getDuration(), JourneyIssueCodes.NON_POSITIVE_DURATION, "1 day");
	}

	@Test
	void splitNotAddingUp() throws Exception {
		Journey journey = parse(journey("campaign R in Abandoned { rule \"r\" otherwise then send push \"p\" }\n"
				+ "split S in Abandoned { 60% R, 30% holdout }"));
		assertOnly(journey, J.getSplit(), JourneyIssueCodes.SPLIT_NOT_100, "'S'", "90%");
	}

	@Test
	void aLearningSplitNeedsTwoCampaignArms() throws Exception {
		Journey journey = parse(journey("campaign R in Abandoned { rule \"r\" otherwise then send push \"p\" }\n"
				+ "split S in Abandoned auto winner by goal { 90% R, 10% holdout }"));
		assertOnly(journey, J.getSplit(), JourneyIssueCodes.AUTO_WINNER_INVALID, "'S'", "at least two campaigns");
	}

	@Test
	void aLearningSplitsConfidenceIsAPercentileBelow100() throws Exception {
		Journey journey = parse(journey("campaign R in Abandoned { rule \"r\" otherwise then send push \"p\" }\n"
				+ "campaign Q in Abandoned { rule \"q\" otherwise then send push \"q\" }\n"
				+ "split S in Abandoned auto winner by goal min 200 per arm confidence 100% every 1 day { 50% R, 50% Q }"));
		assertOnly(journey, J.getAutoWinner(), JourneyIssueCodes.AUTO_WINNER_INVALID, "100%", "95%");
	}

	@Test
	void splitArmWithCampaignOfAnotherStage() throws Exception {
		Journey journey = parse(journey("campaign R in Carted { rule \"r\" otherwise then send push \"p\" }\n"
				+ "split S in Abandoned { 50% R, 50% holdout }"));
		assertOnly(journey, J.getArm(), JourneyIssueCodes.SPLIT_ARM_OUTSIDE_STAGE, "'R'", "Abandoned");
	}

	@Test
	void modelFedAStringFeature() throws Exception {
		Journey journey = parse(journey("feature lastProduct = last(cart_add.productId)\n"
				+ "model m2 \"m.onnx\" { inputs cartValue, lastProduct output probability }\n"
				+ "stage S2 (awareness) { when m2 > 0.5 -> Bought }"));
		assertOnly(journey, J.getModelDecl(), JourneyIssueCodes.MODEL_INPUT_NOT_NUMERIC, "lastProduct", "m2");
	}

	@Test
	void whenTriggerWithoutModel() throws Exception {
		Journey journey = parse(journey("stage Watch (awareness) { when cartValue > 100 -> Bought }"));
		assertOnly(journey, J.getScoreTransition(), JourneyIssueCodes.TRIGGER_WITHOUT_MODEL, "model", "on EVENT");
	}

	@Test
	void hysteresisOnTheWrongSide() throws Exception {
		Journey journey = parse(journey("stage Watch (awareness) { when intent > 0.6 (leave below 0.8) -> Bought }"));
		assertOnly(journey, J.getHysteresis(), JourneyIssueCodes.HYSTERESIS_WRONG_SIDE, "0.6", "leave below");
	}

	@Test
	void otherwiseNotLast() throws Exception {
		Journey journey = parse(journey("""
				campaign C in Abandoned {
				  rule "Fallback" otherwise then send push "a"
				  rule "Coupon" when cartValue > 100 then send email "b"
				}"""));
		assertOnly(journey, J.getRule(), JourneyIssueCodes.OTHERWISE_NOT_LAST, "Fallback", "C");
	}

	@Test
	void isolatedTerminalStage() throws Exception {
		assertOnly(parse(journey("stage Limbo (loyalty) { }")), J.getStage(), JourneyIssueCodes.ISOLATED_STAGE, "Limbo");
	}

	@Test
	void aStageMayLeaveItsPhaseOut() throws Exception {
		Journey journey = parse(journey("stage Nowhere { after 1 day -> Bought }").replace("-> Carted", "-> Nowhere"));
		assertEquals(List.of(), validator.validate(journey).stream().filter(i -> i.getSeverity() == Severity.ERROR).toList());
	}

	@Test
	void aPhaseMustBeOneOfTheJourneys() throws Exception {
		assertOnly(parse(journey("stage Limbo (lapsing) { after 1 day -> Bought }").replace("-> Carted", "-> Limbo")),
				J.getStage(), JourneyIssueCodes.UNKNOWN_PHASE, "lapsing", "awareness, consideration, purchase, loyalty");
	}

	@Test
	void aJourneyMayDeclareItsOwnPhases() throws Exception {
		String text = journey("phases awareness, consideration, lapsing, purchase\n  stage Limbo (lapsing) { after 1 day -> Bought }")
				.replace("-> Carted", "-> Limbo");
		assertEquals(List.of(), validator.validate(parse(text)).stream().filter(i -> i.getSeverity() == Severity.ERROR).toList());
		List<Issue> own = validator.validate(parse(journey("phases browsing, buying"))).stream()
				.filter(i -> JourneyIssueCodes.UNKNOWN_PHASE.equals(i.getCode())).toList();
		assertEquals(4, own.size(), "declared phases replace the default four: " + own);
		assertTrue(own.get(0).getMessage().contains("(browsing, buying)"), own.get(0).getMessage());
	}

	@Test
	void eventFieldOfAnotherEvent() throws Exception {
		Journey journey = parse(journey("stage Vip (loyalty) { on purchase if cart_add.price > 5 -> Bought }"));
		assertOnly(journey, J.getSymbolRef(), JourneyIssueCodes.FIELD_OF_OTHER_EVENT, "purchase", "cart_add");
	}

	@Test
	void eventFieldInAModelTrigger() throws Exception {
		Journey journey = parse(journey("stage W (awareness) { when intent > 0.5 and purchase.amount > 1 -> Bought }"));
		assertOnly(journey, J.getSymbolRef(), JourneyIssueCodes.EVENT_FIELD_OUT_OF_CONTEXT, "purchase.amount");
	}

	@Test
	void eventUsedAsAValue() throws Exception {
		Journey journey = parse(journey("campaign C in Carted { rule \"r\" when purchase > 1 then send push \"p\" }"));
		assertOnly(journey, J.getSymbolRef(), JourneyIssueCodes.EVENT_WITHOUT_FIELD, "purchase", "purchase.orderId");
	}

	@Test
	void unknownTemplateVariable() throws Exception {
		Journey journey = parse(journey("campaign C in Carted { rule \"r\" otherwise then send email \"Hi {{firstName}}\" }"));
		assertOnly(journey, J.getSendAction(), JourneyIssueCodes.UNKNOWN_TEMPLATE_VARIABLE, "firstName");
	}

	@Test
	void quietHoursOutOfRange() throws Exception {
		Journey journey = parse(journey("campaign C in Carted { quiet hours 25:00 - 08:00 rule \"r\" otherwise then send push \"p\" }"));
		assertOnly(journey, J.getQuietHours(), JourneyIssueCodes.INVALID_TIME_OF_DAY, "25:00");
	}

	@Test
	void zeroCap() throws Exception {
		Journey journey = parse(journey("campaign C in Carted { cap 0 per 1 day rule \"r\" otherwise then send push \"p\" }"));
		assertOnly(journey, J.getCap(), JourneyIssueCodes.NON_POSITIVE_CAP, "cap 1 per");
	}

	@Test
	void testGivingAStringToANumber() throws Exception {
		Journey journey = parse(journey("test \"t\" { given customer in Carted with cartValue = \"lots\" expect nothing }"));
		assertOnly(journey, J.getGiven(), JourneyIssueCodes.GIVEN_TYPE_MISMATCH, "cartValue");
	}

	@Test
	void testEventFieldOfWrongType() throws Exception {
		Journey journey = parse(journey("test \"t\" { given customer in Carted on purchase with amount = \"x\" expect stage Bought }"));
		assertOnly(journey, J.getFieldValue(), JourneyIssueCodes.TEST_EVENT_FIELD, "amount");
	}

	@Test
	void syntaxErrorIsReportedNotThrown() throws Exception {
		Journey journey = parser.parse("journey Broken { stage A (awareness) { on -> B } }");
		List<Issue> issues = validator.validate(journey);
		assertTrue(issues.stream().anyMatch(i -> i.getSeverity() == Severity.ERROR && Diagnostic.SYNTAX_DIAGNOSTIC.equals(i.getCode())),
				() -> issues.toString());
	}

	// ------------------------------------------------------------ warnings

	@Test
	void unusedFeatureWarns() throws Exception {
		Journey journey = parse(journey("feature spare = count(cart_add) over 1 day"));
		validator.assertWarning(journey, J.getFeatureDecl(), JourneyIssueCodes.UNUSED_FEATURE, "spare");
	}

	@Test
	void unusedModelWarns() throws Exception {
		Journey journey = parse(journey("model spareModel \"s.onnx\" { inputs cartValue output probability }"));
		validator.assertWarning(journey, J.getModelDecl(), JourneyIssueCodes.UNUSED_MODEL, "spareModel");
	}

	@Test
	void stageWithNoWayInWarns() throws Exception {
		Journey journey = parse(journey("stage Orphan (loyalty) { after 1 day -> Bought }"));
		validator.assertWarning(journey, J.getStage(), JourneyIssueCodes.UNREACHABLE_STAGE, "Orphan");
	}
}
