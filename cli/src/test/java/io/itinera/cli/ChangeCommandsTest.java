package io.itinera.cli;

import static io.itinera.cli.InProcessCli.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.cli.InProcessCli.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** itinera diff and itinera check --against on two versions of a journey with one change of each kind. */
class ChangeCommandsTest {
	@TempDir
	static Path dir;
	static Path v1;
	static Path v2;

	@BeforeAll
	static void journeys() throws Exception {
		v1 = Path.of(ChangeCommandsTest.class.getResource("/change/shop-v1.journey").toURI());
		v2 = Path.of(ChangeCommandsTest.class.getResource("/change/shop-v2.journey").toURI());
	}

	private static void assertLine(String output, String description, int oldLine, int newLine) {
		String where = oldLine > 0 && newLine > 0 ? v1 + ":" + oldLine + " -> " + v2 + ":" + newLine
				: oldLine > 0 ? v1 + ":" + oldLine + " (old)" : v2 + ":" + newLine + " (new)";
		String expected = "  " + description + "\n      " + where + "\n";
		assertTrue(output.contains(expected), "expected\n" + expected + "in\n" + output);
	}

	@Test
	void diffNamesEveryChangeWithItsLinesInBothFiles() {
		Result diff = execute("diff", v1.toString(), v2.toString());
		assertEquals(1, diff.exit(), diff.err());
		String out = diff.out();
		assertLine(out, "reentry never is now reentry after 30 days", 1, 3);
		assertLine(out, "goal purchase within 7 days is now goal purchase within 14 days", 4, 5);
		assertLine(out, "stage Abandoned renamed to Reminded (migrate)", 23, 24);
		assertLine(out, "stage Waiting renamed to Pending (same phase and transitions)", 28, 34);
		assertLine(out, "stage Dormant removed; its customers leave the journey (migrate)", 34, 58);
		assertLine(out, "stage Nudged added", 0, 30);
		assertLine(out, "stage Lapsed: phase (none) is now consideration", 33, 39);
		assertLine(out, "stage Carted: condition of on purchase -> Bought is now on purchase if purchase.amount > 0", 18, 20);
		assertLine(out, "stage Carted: timer to Reminded after 1 hour is now after 2 hours", 21, 22);
		assertLine(out, "stage Carted: on unsubscribe -> Dormant removed", 20, 19);
		assertLine(out, "stage Reminded: on product_view now goes to Pending (was Carted)", 25, 26);
		assertLine(out, "stage Reminded: after 1 day -> Nudged added", 23, 28);
		assertLine(out, "feature views: window over 7 days is now over 14 days", 12, 13);
		assertLine(out, "feature spend: window over 30 days is now over 7 days", 14, 15);
		assertLine(out, "feature biggest: max(purchase.amount) is now avg(purchase.amount)", 15, 16);
		assertLine(out, "feature visits = count(product_view) added", 0, 17);
		assertLine(out, "campaign Remind: no schedule is now every 2 days", 36, 41);
		assertLine(out, "campaign Remind: cap 1 per 1 day is now cap 2 per 1 day", 37, 42);
		assertLine(out, "campaign Remind: quiet hours 22:00 - 08:00 is now quiet hours 21:00 - 08:00", 38, 43);
		assertLine(out, "campaign Remind: rule \"Coupon\" is now when cartValue > 50 then send email \"coupon\"", 39, 45);
		assertLine(out, "campaign Remind: rule \"Big spender\" added: when spend > 500 then send email \"vip\"", 36, 46);
		assertLine(out, "campaign Farewell removed", 42, 0);
		assertLine(out, "campaign Nudge in Nudged added", 0, 49);
		assertLine(out, "split RemindTest in Reminded: arms { 50% Remind, 50% holdout } are now { 30% Remind, 70% holdout }", 46, 53);
		assertTrue(out.contains(" changes. Check what they do to customers already in the journey: itinera check "), out);
	}

	@Test
	void diffOfIdenticalVersionsExitsZero() {
		Result same = execute("diff", v1.toString(), v1.toString());
		assertEquals(0, same.exit(), same.err());
		assertTrue(same.out().startsWith("No changes"), same.out());
	}

	@Test
	void checkAgainstTheRunningVersionSaysWhatHappensToItsCustomers() {
		Result check = execute("check", v2.toString(), "--against", v1.toString());
		assertEquals(0, check.exit(), check.out() + check.err());
		String out = check.out();
		assertTrue(out.contains(v2 + ":34:3: warning: Stage Waiting (" + v1 + ":28) looks renamed to Pending (same phase and"
				+ " transitions): its customers move here. Write `migrate { Waiting -> Pending }` to say so."), out);
		assertTrue(out.contains(v2 + ":19:3: warning: The timer `after 1 hour -> Abandoned` (" + v1 + ":21) is gone: it is"
				+ " cancelled for customers in Carted."), out);
		assertTrue(out.contains(v2 + ":22:5: warning: New timer for customers in Carted: it counts from when they entered Carted"
				+ " (migrate timers from entry), so those there for 2 hours or more move to Reminded at once."), out);
		assertTrue(out.contains(v2 + ":28:5: warning: New timer for customers moved from Abandoned: it counts from when they"
				+ " entered Abandoned"), out);
		assertTrue(!out.contains("after 3 days -> Lapsed` ("), "a timer kept under a renamed stage is not cancelled:\n" + out);
		assertTrue(out.contains(v2 + ":13:3: warning: Feature views: window over 7 days is now over 14 days (" + v1
				+ ":12): its buckets are kept (the new window is 2 times the old one"), out);
		assertTrue(out.contains(v2 + ":15:3: warning: Feature spend: window over 30 days is now over 7 days (" + v1
				+ ":14): its buckets are reset (the new window is not a whole multiple of the old one)"), out);
		assertTrue(out.contains(v2 + ":16:3: warning: Feature biggest is now avg(purchase.amount) (was max(purchase.amount), "
				+ v1 + ":15): every customer's value is reset."), out);
		assertTrue(out.contains(v2 + ":53:3: warning: Split RemindTest: arms { 50% Remind, 50% holdout } (" + v1
				+ ":46) are now { 30% Remind, 70% holdout }. Arms come from a hash of the customer id, so 20% of customers in"
				+ " Reminded would get another arm: the customers already in keep theirs"), out);
	}

	@Test
	void aRemovedStageWithoutAMappingIsAnErrorAtTheMigrateBlock() throws Exception {
		Path unmapped = dir.resolve("unmapped.journey");
		Files.writeString(unmapped, Files.readString(v2).replace("    Dormant -> exit\n", "    Ghost -> exit\n"));
		Result check = execute("check", unmapped.toString(), "--against", v1.toString());
		assertEquals(1, check.exit(), check.out());
		assertTrue(check.out().contains(unmapped + ":58:5: error: Stage Ghost is not in the running version (" + v1
				+ ":1, stages Carted, Abandoned, Waiting, Bought, Lapsed, Dormant); fix the name or remove this line."), check.out());
		assertTrue(check.out().contains(unmapped + ":55:3: error: Stage Dormant (" + v1 + ":34) is gone and its customers have"
				+ " nowhere to go: add `migrate { Dormant -> STAGE }`, or `Dormant -> exit` to take them out of the journey."),
				check.out());
	}

	@Test
	void timersFromNowIsWrittenInTheLanguage() throws Exception {
		Path fromNow = dir.resolve("from-now.journey");
		Files.writeString(fromNow, Files.readString(v2).replace("timers from entry", "timers from now"));
		Result check = execute("check", fromNow.toString(), "--against", v1.toString());
		assertTrue(check.out().contains(fromNow + ":22:5: warning: New timer for customers in Carted: it counts from the"
				+ " migration (migrate timers from now): they move to Reminded 2 hours after it."), check.out());
	}

	@Test
	void anUnknownTargetStageNamesTheFix() throws Exception {
		Path unknown = dir.resolve("unknown.journey");
		Files.writeString(unknown, Files.readString(v2).replace("Abandoned -> Reminded", "Abandoned -> Remind3d"));
		Result check = execute("check", unknown.toString());
		assertEquals(1, check.exit(), check.out());
		assertTrue(check.out().contains(unknown + ":57:18: error: Unknown stage 'Remind3d'. Declare it with"), check.out());
	}
}
