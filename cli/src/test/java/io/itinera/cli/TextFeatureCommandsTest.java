package io.itinera.cli;

import static io.itinera.cli.InProcessCli.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.cli.InProcessCli.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A journey with a text feature in a rule passes check, test, run and simulate; a rule that fails
 * at run time is one line naming the journey's file and line, never a stack trace.
 */
class TextFeatureCommandsTest {
	static final String JOURNEY = """
			journey FirstInvoice "Thank the customer of invoice i1" {
			  entry on order -> Buying
			  event order { invoice: string  amount: decimal }
			  feature firstInvoice = last(order.invoice)
			  stage Buying (purchase) { }
			  campaign Thanks in Buying {
			    cap 1 per 30 days
			    rule "First" when firstInvoice == "i1" then send email "thanks" with invoice = firstInvoice
			  }
			  test "i1 is thanked" {
			    given customer
			    on order with invoice = "i1", amount = 10
			    expect send email "thanks"
			  }
			  test "i2 is not" {
			    given customer
			    on order with invoice = "i2", amount = -1
			    expect nothing
			  }
			}
			""";

	static final String EVENTS = """
			{"customer":"c1","time":"2026-03-01T10:00:00Z","type":"order","invoice":"i1","amount":12.5}
			{"customer":"c2","time":"2026-03-01T11:00:00Z","type":"order","invoice":"i2","amount":20}
			{"customer":"c2","time":"2026-03-02T11:00:00Z","type":"order","invoice":"i3","amount":20}
			""";

	@TempDir
	Path folder;

	@Test
	void aTextFeatureInARulePassesCheckTestRunAndSimulate() throws Exception {
		Path journey = folder.resolve("first-invoice.journey");
		Files.writeString(journey, JOURNEY);
		Path events = folder.resolve("orders.jsonl");
		Files.writeString(events, EVENTS);

		Result check = execute("check", journey.toString());
		assertEquals(0, check.exit(), check.out() + check.err());
		assertTrue(check.out().contains("0 errors, 0 warnings"), check.out());

		Result test = execute("test", journey.toString());
		assertEquals(0, test.exit(), test.out() + test.err());
		assertTrue(test.out().contains("2 passed, 0 failed"), test.out());

		Path runOut = folder.resolve("run");
		Result run = execute("run", journey.toString(), "--events", events.toString(), "--in-memory", "--out", runOut.toString(),
				"--no-progress");
		assertEquals(0, run.exit(), run.out() + run.err());
		List<String> actions = Files.readAllLines(runOut.resolve("actions.jsonl"));
		assertEquals(1, actions.size(), actions::toString);
		assertTrue(actions.get(0).contains("\"customer\":\"c1\"") && actions.get(0).contains("\"invoice\":\"i1\""), actions.get(0));
		assertEquals("", Files.readString(runOut.resolve("dead-letters.jsonl")));

		Path simulateOut = folder.resolve("simulate");
		Result simulate = execute("simulate", journey.toString(), "--events", events.toString(), "--out", simulateOut.toString(),
				"--no-progress");
		assertEquals(0, simulate.exit(), simulate.out() + simulate.err());
		assertEquals(actions, Files.readAllLines(simulateOut.resolve("actions.jsonl")));
	}

	static final String FAILING = """
			journey Failing {
			  entry on order -> Buying
			  event order { invoice: string }
			  stage Buying { }
			  campaign Raw in Buying {
			    cap 1 per 1 day
			    drl \"""
			      rule "Parses the invoice"
			      when
			        $customer : CustomerFact( isCampaignActive("Raw"), Integer.parseInt(eventText("order", "invoice")) > 0 )
			      then
			        decisions.send("Raw", "Parses the invoice", "email", "numbered");
			      end
			    \"""
			  }
			  test "a text invoice" {
			    given customer
			    on order with invoice = "i1"
			    expect send email "numbered"
			  }
			}
			""";

	@Test
	void aRuleThatFailsIsOneLineWithTheJourneysFileAndLine() throws Exception {
		Path journey = folder.resolve("failing.journey");
		Files.writeString(journey, FAILING);
		Result test = execute("test", journey.toString());
		assertEquals(1, test.exit(), test.out() + test.err());
		String text = test.out() + test.err();
		assertFalse(text.contains("\tat "), text);
		assertTrue(text.contains("line 18: " + journey + ":5: rule \"Parses the invoice\" in the drl block of campaign Raw failed "
				+ "for this customer: NumberFormatException: For input string: \"i1\""), text);

		Path events = folder.resolve("orders.jsonl");
		Files.writeString(events, EVENTS);
		Path runOut = folder.resolve("run");
		Result run = execute("run", journey.toString(), "--events", events.toString(), "--in-memory", "--out", runOut.toString(),
				"--no-progress", "--allow-raw-drl");
		assertFalse((run.out() + run.err()).contains("\tat "), run.out() + run.err());
		List<String> deadLetters = Files.readAllLines(runOut.resolve("dead-letters.jsonl"));
		assertEquals(3, deadLetters.size(), deadLetters::toString);
		assertTrue(deadLetters.get(0).contains("the journey step failed on this event: " + journey.toString().replace("\\", "\\\\")
				+ ":5: rule \\\"Parses the invoice\\\""), deadLetters.get(0));
	}
}
