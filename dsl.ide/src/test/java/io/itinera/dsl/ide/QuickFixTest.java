package io.itinera.dsl.ide;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

import io.itinera.dsl.validation.JourneyIssueCodes;

class QuickFixTest extends JourneyServerTestBase {

	private static final String LINKING = org.eclipse.xtext.diagnostics.Diagnostic.LINKING_DIAGNOSTIC;

	private Diagnostic only(String uri, String code) {
		List<Diagnostic> matching = diagnostics(uri).stream()
				.filter(d -> d.getCode() != null && code.equals(d.getCode().getLeft())).toList();
		Assertions.assertEquals(1, matching.size(), diagnostics(uri).toString());
		return matching.get(0);
	}

	private List<CodeAction> fixes(String uri, Diagnostic diagnostic) throws Exception {
		CodeActionParams params = new CodeActionParams(new TextDocumentIdentifier(uri), diagnostic.getRange(),
				new CodeActionContext(List.of(diagnostic)));
		List<Either<Command, CodeAction>> actions = languageServer.codeAction(params).get(30, TimeUnit.SECONDS);
		return actions.stream().map(Either::getRight).toList();
	}

	private static CodeAction titled(List<CodeAction> actions, String title) {
		return actions.stream().filter(action -> action.getTitle().equals(title)).findFirst()
				.orElseThrow(() -> new AssertionError(title + " not among "
						+ actions.stream().map(CodeAction::getTitle).toList()));
	}

	/** Applies the fix, reopens the result and returns it once the server has checked it. */
	private String applyAndRecheck(String uri, String text, CodeAction action, String name) {
		String fixed = apply(text, editsFor(action.getEdit(), uri));
		String fixedUri = openDocument(name, fixed);
		List<Diagnostic> remaining = diagnostics(fixedUri).stream()
				.filter(d -> d.getSeverity() == org.eclipse.lsp4j.DiagnosticSeverity.Error).toList();
		Assertions.assertEquals(List.of(), remaining, fixed);
		return fixed;
	}

	@Test
	void misspeltStageIsChangedToTheNearestName() throws Exception {
		String text = sample().replace("after 1 hour -> Abandoned", "after 1 hour -> Abandonned");
		String uri = openDocument("misspelt.journey", text);
		List<CodeAction> actions = fixes(uri, only(uri, LINKING));
		Assertions.assertEquals("Change to 'Abandoned'", actions.get(0).getTitle());
		String fixed = applyAndRecheck(uri, text, titled(actions, "Change to 'Abandoned'"), "misspelt-fixed.journey");
		Assertions.assertEquals(sample(), fixed);
	}

	@Test
	void missingStageIsCreated() throws Exception {
		String text = sample().replace("after 2 days -> Lapsed", "after 2 days -> Dormant");
		String uri = openDocument("missing-stage.journey", text);
		List<CodeAction> actions = fixes(uri, only(uri, LINKING));
		String fixed = applyAndRecheck(uri, text, titled(actions, "Create stage 'Dormant'"), "stage-created.journey");
		assertTrue(fixed.contains("  stage Lapsed (awareness) { }\n  stage Dormant (awareness) { }\n"), fixed);
	}

	@Test
	void missingEventIsCreated() throws Exception {
		String text = sample().replace("on cart_add -> Carted", "on checkout -> Carted");
		String uri = openDocument("missing-event.journey", text);
		List<CodeAction> actions = fixes(uri, only(uri, LINKING));
		String fixed = applyAndRecheck(uri, text, titled(actions, "Create event 'checkout'"), "event-created.journey");
		assertTrue(fixed.contains("  event purchase     { orderId: string  amount: decimal }\n  event checkout { }\n"),
				fixed);
	}

	@Test
	void missingFeatureIsCreated() throws Exception {
		String text = sample().replace("when cartValue > 100", "when basketValue > 100");
		String uri = openDocument("missing-feature.journey", text);
		List<CodeAction> actions = fixes(uri, only(uri, LINKING));
		String fixed = applyAndRecheck(uri, text, titled(actions, "Create feature 'basketValue'"),
				"feature-created.journey");
		assertTrue(fixed.contains("  feature spend90d  = sum(purchase.amount) over 90 days\n"
				+ "  feature basketValue = count(product_view) over 7 days\n"), fixed);
	}

	@Test
	void otherwiseRuleIsMovedLast() throws Exception {
		String rules = """
				    rule "Coupon for big carts" when cartValue > 100 and intent < 0.4
				      then send email "cart_reminder_coupon" with coupon = "SAVE10", value = cartValue
				    rule "Plain reminder" otherwise
				      then send push "cart_reminder"
				""";
		String swapped = """
				    rule "Plain reminder" otherwise
				      then send push "cart_reminder"
				    rule "Coupon for big carts" when cartValue > 100 and intent < 0.4
				      then send email "cart_reminder_coupon" with coupon = "SAVE10", value = cartValue
				""";
		assertTrue(sample().contains(rules));
		String text = sample().replace(rules, swapped);
		String uri = openDocument("otherwise.journey", text);
		Diagnostic diagnostic = only(uri, JourneyIssueCodes.OTHERWISE_NOT_LAST);
		String fixed = applyAndRecheck(uri, text, titled(fixes(uri, diagnostic), "Move the otherwise rule last"),
				"otherwise-fixed.journey");
		Assertions.assertEquals(sample(), fixed);
	}

	@Test
	void aCapEqualToItsScheduleWithQuietHoursIsShortened() throws Exception {
		String text = sample().replace("    cap 1 per 1 day\n    quiet hours", "    every 1 day\n    cap 1 per 1 day\n    quiet hours");
		String uri = openDocument("cap-equal.journey", text);
		List<CodeAction> actions = fixes(uri, only(uri, JourneyIssueCodes.CAP_EQUALS_SCHEDULE_WITH_QUIET_HOURS));
		String fixed = applyAndRecheck(uri, text, titled(actions, "Make the cap a bit shorter than the schedule"), "cap-shortened.journey");
		assertTrue(fixed.contains("    every 1 day\n    cap 1 per 14 hours\n    quiet hours 22:00 - 08:00\n"), fixed);
	}

	@Test
	void aMissingCapIsAdded() throws Exception {
		String text = sample().replace("    cap 1 per 1 day\n", "");
		String uri = openDocument("cap-missing.journey", text);
		List<CodeAction> actions = fixes(uri, only(uri, JourneyIssueCodes.CAMPAIGN_WITHOUT_CAP));
		String fixed = applyAndRecheck(uri, text, titled(actions, "Add `cap 1 per 30 days`"), "cap-added.journey");
		assertTrue(fixed.contains("  campaign Rescue in Abandoned, HighIntent {\n    cap 1 per 30 days\n    quiet hours"), fixed);
	}
}
