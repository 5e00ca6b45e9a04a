package io.itinera.dsl.ide;

import org.junit.jupiter.api.Assertions;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.junit.jupiter.api.Test;

class CompletionTest extends JourneyServerTestBase {

	private List<CompletionItem> complete(String text, Position position) throws Exception {
		String uri = openDocument("completion.journey", text);
		return languageServer.completion(new CompletionParams(new TextDocumentIdentifier(uri), position))
				.get(30, TimeUnit.SECONDS).getRight().getItems();
	}

	private static List<String> labels(List<CompletionItem> items) {
		return items.stream().map(CompletionItem::getLabel).toList();
	}

	private static CompletionItem item(List<CompletionItem> items, String label) {
		return items.stream().filter(item -> item.getLabel().equals(label)).findFirst()
				.orElseThrow(() -> new AssertionError(label + " not proposed in " + labels(items)));
	}

	@Test
	void stageNamesAfterArrowCarryTheirDocComment() throws Exception {
		String text = sample().replace("on cart_add -> Carted", "on cart_add -> ");
		List<CompletionItem> items = complete(text, at(text, "on cart_add -> ", "on cart_add -> ".length()));
		assertTrue(labels(items).containsAll(List.of("Browsing", "Carted", "Abandoned", "HighIntent", "Converted", "Lapsed")),
				labels(items).toString());
		CompletionItem lapsed = item(items, "Lapsed");
		Assertions.assertEquals("stage (awareness)", lapsed.getDetail());
		assertTrue(lapsed.getDocumentation().getLeft().contains("Gone quiet; a later cart starts over."));
	}

	@Test
	void eventsAfterOn() throws Exception {
		String text = sample().replace("on purchase -> Converted", "on pur -> Converted");
		List<CompletionItem> items = complete(text, at(text, "on pur ->", "on pur".length()));
		assertTrue(labels(items).contains("purchase"), labels(items).toString());
		assertTrue(item(items, "purchase").getDocumentation().getLeft().contains("An order was placed."));
	}

	@Test
	void fieldsOfTheEventBeforeTheDot() throws Exception {
		String text = sample().replace("sum(cart_add.price)", "sum(cart_add.)");
		List<CompletionItem> items = complete(text, at(text, "sum(cart_add.)", "sum(cart_add.".length()));
		assertTrue(labels(items).containsAll(List.of("productId", "price")), labels(items).toString());
		assertFalse(labels(items).contains("orderId"), "fields of other events are not proposed");
		Assertions.assertEquals("field decimal of cart_add", item(items, "price").getDetail());
	}

	@Test
	void featuresAndModelsInConditionsWithTheirDefinition() throws Exception {
		String text = sample().replace("when cartValue > 100 and intent < 0.4", "when  > 100 and intent < 0.4");
		List<CompletionItem> items = complete(text, at(text, "when  > 100", "when ".length()));
		CompletionItem cartValue = item(items, "cartValue");
		assertTrue(cartValue.getDocumentation().getLeft().contains("What sits in the cart since the last order."));
		assertTrue(cartValue.getDocumentation().getLeft().contains("sum(cart_add.price) since last purchase"));
		CompletionItem intent = item(items, "intent");
		assertTrue(intent.getDocumentation().getLeft().contains("inputs: views7d, cartValue, daysIdle, spend90d"));
		item(items, "email");
	}

	@Test
	void phasesInAStagesParentheses() throws Exception {
		String text = sample().replace("stage Carted (consideration)", "stage Carted ()");
		List<CompletionItem> items = complete(text, at(text, "stage Carted ()", "stage Carted (".length()));
		assertTrue(labels(items).containsAll(List.of("awareness", "consideration", "purchase", "loyalty")), labels(items).toString());
		assertFalse(labels(items).contains("email"), labels(items).toString());
		String own = text.replace("goal purchase within 7 days", "goal purchase within 7 days\n  phases browsing, lapsing");
		List<CompletionItem> declared = complete(own, at(own, "stage Carted ()", "stage Carted (".length()));
		assertTrue(labels(declared).containsAll(List.of("browsing", "lapsing")), labels(declared).toString());
		assertFalse(labels(declared).contains("awareness"), labels(declared).toString());
	}

	@Test
	void campaignsInSplitArms() throws Exception {
		String text = sample().replace("{ 50% Rescue, 50% holdout }", "{ 50% R, 50% holdout }");
		List<CompletionItem> items = complete(text, at(text, "50% R,", "50% R".length()));
		assertTrue(labels(items).contains("Rescue"), labels(items).toString());
	}

	@Test
	void templatesAlreadyUsedAfterTheChannel() throws Exception {
		String text = sample().replace("then send push \"cart_reminder\"", "then send push ");
		List<CompletionItem> items = complete(text, at(text, "then send push ", "then send push ".length()));
		assertTrue(labels(items).contains("\"cart_reminder_coupon\""), labels(items).toString());
	}

	@Test
	void durationsWhereADurationStarts() throws Exception {
		String text = sample().replace("after 2 days -> Lapsed", "after  -> Lapsed");
		List<CompletionItem> items = complete(text, at(text, "after  -> Lapsed", "after ".length()));
		assertTrue(labels(items).containsAll(List.of("1 hour", "1 day", "7 days")), labels(items).toString());
	}

	@Test
	void channelsAfterSendWithTheirMeaning() throws Exception {
		String text = sample().replace("then send push \"cart_reminder\"", "then send ");
		List<CompletionItem> items = complete(text, at(text, "then send \n", "then send ".length()));
		assertTrue(labels(items).containsAll(List.of("email", "sms", "push", "inapp")), labels(items).toString());
		assertTrue(item(items, "push").getDocumentation().getLeft().contains("push notification"));
	}
}
