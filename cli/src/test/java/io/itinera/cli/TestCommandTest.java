package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TestCommandTest {
	static final String JOURNEY = """
			journey Shop {
			  entry on cart_add
			  customer { tier: string }
			  event cart_add { price: decimal }
			  event purchase { amount: decimal }
			  feature cartValue = sum(cart_add.price) since last purchase
			  stage Carted (consideration) {
			    on purchase -> Bought
			    after 1 hour -> Abandoned
			  }
			  stage Abandoned (consideration) { on purchase -> Bought }
			  stage Bought (purchase) { }
			  campaign Rescue in Abandoned {
			    quiet hours 22:00 - 08:00
			    rule "Coupon" when cartValue > 100 then send email "coupon"
			    rule "Reminder" otherwise then send push "reminder"
			  }
			  test "a big cart gets a coupon" {
			    given customer in Abandoned with cartValue = 150
			    expect send email "coupon"
			  }
			  test "a deliberately wrong expectation" {
			    given customer in Abandoned with cartValue = 20
			    expect send email "coupon"
			    expect stage Bought
			  }
			  test "nothing at night" {
			    given customer in Abandoned with cartValue = 20
			    at 23:00
			    expect send push "reminder"
			  }
			}
			""";

	@TempDir
	Path folder;

	private final StringWriter out = new StringWriter();

	private int run(String... args) {
		CommandLine command = ItineraCommand.commandLine();
		command.setOut(new PrintWriter(out));
		command.setErr(new PrintWriter(out));
		return command.execute(args);
	}

	@Test
	void failuresSayWhereWhatWasExpectedAndWhatHappened() throws Exception {
		Path file = folder.resolve("shop.journey");
		Files.writeString(file, JOURNEY);
		int exit = run("test", folder.toString());
		String text = out.toString();
		assertEquals(1, exit, text);
		assertTrue(text.endsWith("1 passed, 2 failed" + System.lineSeparator()), text);
		assertTrue(text.contains("shop.journey:22: test \"a deliberately wrong expectation\" failed\n"
				+ "  expected: send email \"coupon\"; stage Bought\n"
				+ "  actual:   got send push \"reminder\"; the customer is in stage Abandoned\n"), text);
		assertTrue(text.contains("shop.journey:27: test \"nothing at night\" failed\n"
				+ "  expected: send push \"reminder\"\n"
				+ "  actual:   nothing was sent (send push \"reminder\" is held by quiet hours until 08:00 UTC); "
				+ "the customer is in stage Abandoned\n"), text);
	}

	@Test
	void allPassingSaysSo() throws Exception {
		Path file = folder.resolve("shop.journey");
		Files.writeString(file, JOURNEY.replace("    expect send email \"coupon\"\n    expect stage Bought\n",
				"    expect send push \"reminder\"\n    expect stage Abandoned\n").replace("    at 23:00\n    expect send push \"reminder\"",
						"    at 23:00\n    expect nothing"));
		int exit = run("test", file.toString());
		assertEquals("3 passed, 0 failed" + System.lineSeparator(), out.toString());
		assertEquals(0, exit);
	}

	@Test
	void compileDrlPrintsTheRules() throws Exception {
		Path file = folder.resolve("shop.journey");
		Files.writeString(file, JOURNEY);
		assertEquals(0, run("compile", "--drl", file.toString()), out.toString());
		assertTrue(out.toString().contains("rule \"Rescue :: Coupon\"\n    salience 1\n    activation-group \"Rescue\""), out.toString());
		assertTrue(out.toString().contains("rule \"Rescue :: Reminder\"\n    salience 0\n"), out.toString());
	}

	@Test
	void runRefusesRawDrlUnlessAllowed() throws Exception {
		Path file = folder.resolve("raw.journey");
		Files.writeString(file, JOURNEY.replace("    rule \"Reminder\" otherwise then send push \"reminder\"\n",
				"    rule \"Reminder\" otherwise then send push \"reminder\"\n    drl \"\"\"\n    rule \"Rescue :: raw\" when then end\n    \"\"\"\n"));
		Path events = folder.resolve("events.jsonl");
		Files.writeString(events, "");
		int exit = run("run", file.toString(), "--events", events.toString(), "--in-memory", "--out", folder.resolve("out").toString());
		assertEquals(1, exit, out.toString());
		assertTrue(out.toString().contains("raw.journey:13:3: error: campaign Rescue has a raw drl block"), out.toString());
		assertTrue(out.toString().contains("--allow-raw-drl"), out.toString());
	}
}
