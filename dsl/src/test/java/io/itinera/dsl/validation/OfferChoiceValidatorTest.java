package io.itinera.dsl.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Inject;
import io.itinera.dsl.compiler.JourneyCompiler;
import io.itinera.dsl.journey.Journey;
import io.itinera.dsl.tests.JourneyInjectorProvider;
import io.itinera.runtime.plan.Action;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.Model;
import io.itinera.runtime.plan.PlanJson;
import io.itinera.runtime.rules.DroolsCampaignRules;
import io.itinera.runtime.testing.JourneyTestResult;
import io.itinera.runtime.testing.JourneyTestRunner;
import io.itinera.testmodels.OnnxTestModels;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code with coupon = best of MODEL among …}: what the plan carries, and what the editor says. */
@ExtendWith(InjectionExtension.class)
@InjectWith(JourneyInjectorProvider.class)
class OfferChoiceValidatorTest {
	@Inject
	ParseHelper<Journey> parser;

	@Inject
	ValidationTestHelper validation;

	@Inject
	com.google.inject.Provider<XtextResourceSet> resourceSets;

	@TempDir
	Path dir;

	@BeforeEach
	void writeModel() throws Exception {
		// two inputs, two output columns: one per offer
		OnnxTestModels.softmaxRegression(dir.resolve("value.onnx"), new float[2][2], new float[2]);
	}

	private Journey journey(String send, String condition) throws Exception {
		String text = """
				journey Offers {
				  entry on visit -> Member
				  event visit { gold: decimal }
				  feature gold = max(visit.gold) over 90 days
				  feature visits = count(visit) over 90 days
				  model OfferValue "value.onnx" {
				    inputs gold, visits
				    output output
				  }
				  stage Member { }
				  campaign Offer in Member {
				    cap 1 per 30 days
				    rule "Offer" %s then %s
				  }
				}
				""".formatted(condition, send);
		return parse(text);
	}

	private Journey parse(String text) throws Exception {
		Path file = dir.resolve("offers.journey");
		Files.writeString(file, text);
		Journey journey = parser.parse(text, URI.createFileURI(file.toString()), resourceSets.get());
		assertTrue(journey.eResource().getErrors().isEmpty(), () -> journey.eResource().getErrors().toString());
		return journey;
	}

	@Test
	void journeyTestsGiveEachOfferItsValueAndExpectTheOfferSent() throws Exception {
		String text = """
				journey Offers {
				  entry on visit -> Member
				  event visit { gold: decimal }
				  feature gold = max(visit.gold) over 90 days
				  feature visits = count(visit) over 90 days
				  model OfferValue "value.onnx" {
				    inputs gold, visits
				    output output
				  }
				  stage Member { }
				  campaign Offer in Member {
				    cap 1 per 30 days
				    rule "Offer" otherwise then send email "offer" with coupon = best of OfferValue among "SAVE10", "FREESHIP"
				  }
				  test "gold customers value ten off more" {
				    given customer with OfferValue = ["SAVE10" 5.2, "FREESHIP" 3.1]
				    on visit
				    expect send email "offer" with coupon = "SAVE10", couponChosenBy = "model"
				  }
				  test "a wrong expectation fails" {
				    given customer with OfferValue = ["SAVE10" 1.0, "FREESHIP" 3.1]
				    on visit
				    expect send email "offer" with coupon = "SAVE10"
				  }
				}
				""";
		Journey journey = parse(text);
		assertEquals(List.of(), errors(journey));
		JourneyPlan plan = new JourneyCompiler().compile(journey);
		assertEquals(2, plan.tests().size());
		List<JourneyTestResult> results = new JourneyTestRunner(plan, DroolsCampaignRules.forPlan(plan)).runAll();
		assertTrue(results.get(0).passed(), results.get(0)::report);
		assertTrue(!results.get(1).passed() && results.get(1).report().contains("send email \"offer\" with coupon = \"SAVE10\""),
				results.get(1)::report);
		assertTrue(errors(parse(text.replace("\"FREESHIP\" 3.1]", "\"FREESHIP\"]").replace("OfferValue = [\"SAVE10\" 1.0",
				"OfferValue = [\"SAVE11\" 1.0"))).size() >= 2);
	}

	private List<String> errors(Journey journey) {
		return validation.validate(journey).stream().filter(i -> i.getSeverity() == Severity.ERROR).map(Issue::getMessage).toList();
	}

	@Test
	void thePlanDeclaresOneModelPerOfferAndTheSendCarriesTheChoice() throws Exception {
		Journey journey = journey("send email \"offer\" with coupon = best of OfferValue among \"SAVE10\", \"FREESHIP\" "
				+ "explore 12.5%, tone = \"warm\"", "otherwise");
		assertEquals(List.of(), errors(journey));
		JourneyPlan plan = new JourneyCompiler().compile(journey);
		assertEquals(List.of("OfferValue[SAVE10]", "OfferValue[FREESHIP]"), plan.models().stream().map(Model::name).toList());
		assertEquals(List.of(0, 1), plan.models().stream().map(Model::column).toList());
		assertEquals(List.of("gold", "visits"), plan.models().get(1).inputs());
		Action.Send send = (Action.Send) plan.campaigns().get(0).rules().get(0).actions().get(0);
		assertEquals(new Action.OfferChoice("coupon", "OfferValue", List.of("SAVE10", "FREESHIP"), 0.125,
				send.offerChoice().location()), send.offerChoice());
		assertEquals(List.of("tone"), send.params().stream().map(Action.Param::name).toList(), "the offer is not an expression param");
		assertEquals(plan, PlanJson.read(PlanJson.write(plan)));
	}

	@Test
	void aPlainSendCarriesNoChoice() throws Exception {
		JourneyPlan plan = new JourneyCompiler().compile(journey("send email \"offer\" with coupon = \"SAVE5\"", "when OfferValue > 0"));
		assertEquals(List.of("OfferValue"), plan.models().stream().map(Model::name).toList());
		assertNull(((Action.Send) plan.campaigns().get(0).rules().get(0).actions().get(0)).offerChoice());
	}

	@Test
	void theFileNeedsOneColumnPerOffer() throws Exception {
		List<String> errors = errors(journey("send email \"offer\" with coupon = best of OfferValue among \"SAVE5\", \"SAVE10\", \"X\"",
				"otherwise"));
		assertEquals(1, errors.size(), errors.toString());
		assertTrue(errors.get(0).contains("gives 2 values per customer") && errors.get(0).contains("lists 3 offers"), errors.get(0));
	}

	@Test
	void offersOnceRateAtMostAllAndOneChoicePerSend() throws Exception {
		assertTrue(errors(journey("send email \"o\" with coupon = best of OfferValue among \"A\", \"B\", \"A\"", "otherwise")).stream()
				.anyMatch(e -> e.contains("\"A\" is listed twice")));
		assertTrue(errors(journey("send email \"o\" with coupon = best of OfferValue among \"A\", \"B\" explore 150%", "otherwise"))
				.stream().anyMatch(e -> e.contains("give a rate from 0% to 100%")));
		assertTrue(errors(journey("send email \"o\" with a = best of OfferValue among \"A\", \"B\", "
				+ "b = best of OfferValue among \"A\", \"B\"", "otherwise")).stream().anyMatch(e -> e.contains("A send chooses one offer")));
	}

	@Test
	void onlyASendChoosesAndTheModelIsReadThroughItsOffers() throws Exception {
		assertTrue(errors(journey("webhook \"https://x.example/\" with coupon = best of OfferValue among \"A\", \"B\"", "otherwise"))
				.stream().anyMatch(e -> e.contains("a webhook or a broadcast cannot choose one")));
		assertTrue(errors(journey("send email \"o\" with coupon = best of OfferValue among \"A\", \"B\"", "when OfferValue > 1"))
				.stream().anyMatch(e -> e.contains("scores offers (one value per offer)")));
	}
}
