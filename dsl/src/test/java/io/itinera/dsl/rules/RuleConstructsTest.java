package io.itinera.dsl.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Inject;
import io.itinera.dsl.compiler.JourneyCompiler;
import io.itinera.dsl.journey.Journey;
import io.itinera.dsl.tests.JourneyInjectorProvider;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.rules.CustomerFact;
import io.itinera.runtime.rules.DroolsCampaignRules;
import io.itinera.runtime.rules.EventFact;
import io.itinera.runtime.rules.RuleAction;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every rule construct of the language, compiled to DRL and run on a real Drools KieBase. */
@ExtendWith(InjectionExtension.class)
@InjectWith(JourneyInjectorProvider.class)
class RuleConstructsTest {
	static final String JOURNEY = """
			journey Constructs {
			  entry on view
			  customer { tier: string  age: int  vip: boolean  spend: decimal  country: string }
			  event view { price: decimal  category: string  gift: boolean  qty: int }
			  feature views = count(view) over 7 days
			  feature total = sum(view.price) over 30 days
			  feature idle  = days since last view
			  model intent "models/intent.onnx" { inputs views, total output p }

			  stage S { on view -> T }
			  stage T { }

			  campaign AndOr in S { rule "and-or" when views > 3 and (tier == "gold" or vip) then tag "and_or" }
			  campaign Negation in S { rule "not" when not (views > 3) then tag "not" }
			  campaign Compare in S { rule "cmp" when views >= 2 and views <= 5 and total != 0 and age < 30 then tag "compare" }
			  campaign Arithmetic in S { rule "arith" when total / views > 20 and views * 2 - 1 == 7 and -age < -18 then tag "arith" }
			  campaign TextLists in S { rule "lists" when country in ["DE", "FR"] and tier not in ["bronze"] then tag "text_lists" }
			  campaign NumberLists in S { rule "numbers" when views in [1, 4] then tag "number_lists" }
			  campaign Durations in S { rule "idle" when idle > 2 days and idle < 1 week then tag "durations" }
			  campaign Booleans in S { rule "vip" when vip == true and not (age > 60) then tag "booleans" }
			  campaign BareBoolean in S { rule "bare" when vip then tag "bare_boolean" }
			  campaign EventFields in S { rule "view" when view.price > 50 and view.category == "shoes" and view.gift and view.qty >= 2 then tag "event_fields" }
			  campaign Scores in S { rule "intent" when intent > 0.5 then tag "scores" }
			  campaign FirstMatch in S {
			    rule "many" when views > 10 then send push "many"
			    rule "some" when views > 2 then send push "some"
			    rule "fallback" otherwise then send push "few"
			  }
			  campaign OtherwiseFirst in S {
			    rule "fallback" otherwise then send inapp "fallback"
			    rule "keen" when views > 3 then send inapp "keen"
			  }
			  campaign Actions in S {
			    rule "all kinds" when country == "NL"
			      then send email "hello" with greeting = "hi", doubled = total * 2, tier = tier, price = view.price, young = age < 30
			      then send sms "sms_hello"
			      then untag "cold"
			      then webhook "http://localhost/crm" with id = tier
			  }
			  campaign Raw in S {
			    drl \"""
			      rule "Raw :: big spender"
			      when
			        $customer : CustomerFact( isCampaignActive("Raw"), number("spend") > 1000 )
			      then
			        decisions.tag("Raw", "big spender", "whale");
			      end
			    \"""
			  }
			  campaign Elsewhere in T { rule "t" otherwise then tag "elsewhere" }
			}
			""";

	@Inject
	ParseHelper<Journey> parser;

	/** Built once: a KieBase takes a second or two, the evaluations microseconds. */
	private static DroolsCampaignRules rules;
	private static JourneyPlan plan;

	@BeforeEach
	void build() throws Exception {
		if (rules == null) {
			Journey journey = parser.parse(JOURNEY);
			assertNotNull(journey);
			assertTrue(journey.eResource().getErrors().isEmpty(), () -> journey.eResource().getErrors().toString());
			plan = new JourneyCompiler().compile(journey);
			rules = DroolsCampaignRules.build(plan);
		}
	}

	private final Map<String, Object> attributes = new HashMap<>();
	private final Map<String, Double> features = new HashMap<>();
	private final Map<String, Double> scores = new HashMap<>();
	private EventFact event;
	private String stage = "S";

	private List<RuleAction> run() {
		List<String> active = plan.campaigns().stream().filter(c -> c.stages().contains(stage)).map(c -> c.name()).toList();
		return rules.evaluate(new CustomerFact("c-1", 0, stage, event == null, attributes, features, scores, Map.of(), active,
				Set.of(), event));
	}

	private Set<String> tags() {
		return run().stream().filter(a -> a.kind().equals("tag")).map(RuleAction::target).collect(Collectors.toSet());
	}

	private List<String> targetsOf(String campaign) {
		return run().stream().filter(a -> a.campaign().equals(campaign)).map(RuleAction::target).toList();
	}

	@Test
	void andBindsTighterThanOr() {
		features.put("views", 5.0);
		attributes.put("tier", "gold");
		assertTrue(tags().contains("and_or"));
		attributes.put("tier", "silver");
		assertFalse(tags().contains("and_or"));
		attributes.put("vip", true);
		assertTrue(tags().contains("and_or"));
		features.put("views", 1.0);
		assertFalse(tags().contains("and_or"));
	}

	@Test
	void notNegatesAndAnUnknownFeatureNeverCompares() {
		features.put("views", 2.0);
		assertTrue(tags().contains("not"));
		features.put("views", 4.0);
		assertFalse(tags().contains("not"));
	}

	@Test
	void comparisons() {
		features.put("views", 2.0);
		features.put("total", 10.0);
		attributes.put("age", 25L);
		assertTrue(tags().contains("compare"));
		features.put("total", 0.0);
		assertFalse(tags().contains("compare"), "total != 0");
		features.put("total", 10.0);
		features.put("views", 6.0);
		assertFalse(tags().contains("compare"), "views <= 5");
		features.put("views", 5.0);
		attributes.remove("age");
		assertFalse(tags().contains("compare"), "an unknown age is not below 30");
	}

	@Test
	void arithmeticWithPrecedenceAndNegation() {
		features.put("views", 4.0);
		features.put("total", 100.0);
		attributes.put("age", 20L);
		assertTrue(tags().contains("arith"), "100/4 > 20, 4*2-1 == 7, -20 < -18");
		features.put("total", 60.0);
		assertFalse(tags().contains("arith"), "60/4 = 15");
		features.put("total", 100.0);
		attributes.put("age", 17L);
		assertFalse(tags().contains("arith"), "-17 is not below -18");
	}

	@Test
	void textInLists() {
		attributes.put("country", "FR");
		attributes.put("tier", "gold");
		assertTrue(tags().contains("text_lists"));
		attributes.put("tier", "bronze");
		assertFalse(tags().contains("text_lists"));
		attributes.put("tier", "gold");
		attributes.put("country", "US");
		assertFalse(tags().contains("text_lists"));
	}

	@Test
	void numbersInLists() {
		features.put("views", 4.0);
		assertTrue(tags().contains("number_lists"));
		features.put("views", 2.0);
		assertFalse(tags().contains("number_lists"));
	}

	@Test
	void durationsCompareWithRecencyInDays() {
		features.put("idle", 3.0);
		assertTrue(tags().contains("durations"));
		features.put("idle", 7.0);
		assertFalse(tags().contains("durations"), "a week is 7 days");
		features.put("idle", 2.0);
		assertFalse(tags().contains("durations"));
	}

	@Test
	void booleans() {
		attributes.put("vip", true);
		attributes.put("age", 40L);
		assertTrue(tags().containsAll(Set.of("booleans", "bare_boolean")));
		attributes.put("vip", false);
		assertFalse(tags().contains("booleans"));
		assertFalse(tags().contains("bare_boolean"));
		attributes.remove("vip");
		assertFalse(tags().contains("bare_boolean"), "an unknown flag is not true");
	}

	@Test
	void eventFieldsReadTheTriggeringEventOnly() {
		event = new EventFact("view", 0, Map.of("price", 80.0, "category", "shoes", "gift", true, "qty", 2L));
		assertTrue(tags().contains("event_fields"));
		event = new EventFact("view", 0, Map.of("price", 80.0, "category", "bags", "gift", true, "qty", 2L));
		assertFalse(tags().contains("event_fields"));
		event = new EventFact("other", 0, Map.of("price", 80.0, "category", "shoes", "gift", true, "qty", 2L));
		assertFalse(tags().contains("event_fields"), "another event's fields are absent");
		event = null;
		assertFalse(tags().contains("event_fields"), "no event on stage entry");
	}

	@Test
	void scores() {
		scores.put("intent", 0.7);
		assertTrue(tags().contains("scores"));
		scores.put("intent", 0.3);
		assertFalse(tags().contains("scores"));
		scores.clear();
		assertFalse(tags().contains("scores"), "no score yet");
	}

	@Test
	void theFirstMatchingRuleDecidesAndOtherwiseOnlyWhenNoneMatches() {
		features.put("views", 20.0);
		assertEquals(List.of("many"), targetsOf("FirstMatch"));
		features.put("views", 3.0);
		assertEquals(List.of("some"), targetsOf("FirstMatch"));
		features.put("views", 1.0);
		assertEquals(List.of("few"), targetsOf("FirstMatch"));
		features.put("views", 3.0);
		assertEquals(List.of("some"), targetsOf("FirstMatch"), "the reused session starts every evaluation afresh");
	}

	@Test
	void otherwiseIsLastWhereverItIsWritten() {
		features.put("views", 5.0);
		assertEquals(List.of("keen"), targetsOf("OtherwiseFirst"));
		features.put("views", 1.0);
		assertEquals(List.of("fallback"), targetsOf("OtherwiseFirst"));
	}

	@Test
	void everyActionKindWithEvaluatedParameters() {
		attributes.put("country", "NL");
		attributes.put("tier", "gold");
		attributes.put("age", 22L);
		features.put("total", 21.5);
		event = new EventFact("view", 0, Map.of("price", 9.99));
		List<RuleAction> actions = run().stream().filter(a -> a.campaign().equals("Actions")).toList();
		assertEquals(4, actions.size(), actions::toString);
		RuleAction email = actions.get(0);
		assertEquals("send", email.kind());
		assertEquals("email", email.channel());
		assertEquals("hello", email.target());
		assertEquals("all kinds", email.rule());
		assertEquals(Map.of("greeting", "hi", "doubled", "43", "tier", "gold", "price", "9.99", "young", "true"), email.params());
		assertEquals("sms", actions.get(1).channel());
		assertEquals(1, actions.get(1).actionIndex());
		assertEquals("untag", actions.get(2).kind());
		assertEquals("cold", actions.get(2).target());
		assertEquals("webhook", actions.get(3).kind());
		assertEquals("http://localhost/crm", actions.get(3).target());
		assertEquals(Map.of("id", "gold"), actions.get(3).params());
	}

	@Test
	void rawDrlBlocksRunBesideTheGeneratedRules() {
		attributes.put("spend", 5000.0);
		assertTrue(tags().contains("whale"));
		attributes.put("spend", 50.0);
		assertFalse(tags().contains("whale"));
	}

	@Test
	void campaignsActOnlyInTheirStagesAndWhenActive() {
		stage = "T";
		assertEquals(Set.of("elsewhere"), tags());
		List<RuleAction> none = rules.evaluate(new CustomerFact("c-1", 0, "T", true, Map.of(), Map.of(), Map.of(), Map.of(),
				List.of(), Set.of(), null));
		assertEquals(List.of(), none, "a campaign the split keeps out does not act");
	}
}
