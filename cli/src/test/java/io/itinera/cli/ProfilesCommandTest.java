package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code itinera profiles import} before a run's first event: the attributes land in the state typed as
 * the journey declares them, a row with a bad value is a dead letter with its reason, and the run's
 * rules then decide on the imported attributes.
 */
class ProfilesCommandTest {
	private static final String JOURNEY = """
			journey ProfileTest "Profiles" {
			  entry on cart_add
			  customer { email: string  tier: string  points: decimal }
			  event cart_add { productId: string  price: decimal }
			  stage Carted (consideration) { }
			  campaign Hello in Carted {
			    rule "Gold" when tier == "gold" and points > 5 then send email "gold_welcome"
			    rule "Plain" otherwise then send email "welcome"
			  }
			}
			""";
	private static final String PROFILES = """
			id,updated,email,tier,points
			p-1,2026-02-01T00:00:00Z,ana@example.com,gold,10
			p-2,2026-02-01T00:00:00Z,bob@example.com,silver,abc
			p-3,2026-02-01T00:00:00Z,cy@example.com,gold,2
			""";
	private static final String EVENTS = """
			customer,time,type,productId,price
			p-1,2026-03-01T10:00:00Z,cart_add,x,5
			p-3,2026-03-01T10:00:00Z,cart_add,x,5
			p-4,2026-03-01T10:00:00Z,cart_add,x,5
			""";

	@TempDir
	Path dir;

	@Test
	void profilesLoadedBeforeTheFirstEventDecideTheRules() throws Exception {
		Path journey = Files.writeString(dir.resolve("profile-test.journey"), JOURNEY);
		Path profiles = Files.writeString(dir.resolve("crm.csv"), PROFILES);
		Path out = dir.resolve("out");
		Path state = out.resolve("state");
		String loaded = InProcessCli.succeeding("profiles", "import", profiles.toString(), journey.toString(), "--state", state.toString(),
				"--map", "customer=id,time=updated");
		assertTrue(loaded.contains("Loaded 2 profiles of 3 rows"), loaded);
		assertTrue(loaded.contains("2 new customers, 6 attributes set"), loaded);
		List<String> dead = Files.readAllLines(out.resolve("profile-dead-letters.jsonl"));
		assertEquals(1, dead.size(), dead.toString());
		assertTrue(dead.get(0).contains("abc") && dead.get(0).contains("points"), dead.get(0));

		Path events = Files.writeString(dir.resolve("events.csv"), EVENTS);
		InProcessCli.succeeding("run", journey.toString(), "--events", events.toString(), "--out", out.toString(), "--no-progress");
		List<String> actions = Files.readAllLines(out.resolve("actions.jsonl"));
		assertEquals(3, actions.size(), actions.toString());
		assertTrue(actions.stream().anyMatch(a -> a.contains("\"p-1\"") && a.contains("gold_welcome")), actions.toString());
		assertTrue(actions.stream().anyMatch(a -> a.contains("\"p-3\"") && a.contains("\"welcome\"")), "points 2: " + actions);
		assertTrue(actions.stream().anyMatch(a -> a.contains("\"p-4\"") && a.contains("\"welcome\"")), "no profile: " + actions);
	}

	@Test
	void consentsFromTheShopsSystemsDecideWhatIsSent() throws Exception {
		Path journey = Files.writeString(dir.resolve("offers.journey"), """
				journey Offers {
				  entry on cart_add
				  topic promotions email opt-out
				  topic newsletter email opt-in
				  event cart_add { productId: string  price: decimal }
				  stage Carted (consideration) { }
				  campaign Deals in Carted {
				    rule "Deal" otherwise then send email "deal" topic promotions
				  }
				  campaign News in Carted {
				    rule "News" otherwise then send email "news" topic newsletter
				  }
				}
				""");
		Path profiles = Files.writeString(dir.resolve("crm.csv"), """
				id,updated,promo,news
				p-1,2026-02-01T00:00:00Z,false,true
				p-3,2026-02-01T00:00:00Z,true,false
				""");
		Path out = dir.resolve("out");
		String loaded = InProcessCli.succeeding("profiles", "import", profiles.toString(), journey.toString(), "--state",
				out.resolve("state").toString(), "--map",
				"customer=id,time=updated,field.subscribed_promotions=promo,field.subscribed_newsletter=news");
		assertTrue(loaded.contains("Loaded 2 profiles of 2 rows"), loaded);
		assertTrue(loaded.contains("4 attributes set"), loaded);

		Path events = Files.writeString(dir.resolve("events.csv"), EVENTS);
		InProcessCli.succeeding("run", journey.toString(), "--events", events.toString(), "--out", out.toString(), "--no-progress");
		List<String> actions = Files.readAllLines(out.resolve("actions.jsonl"));
		assertTrue(actions.stream().anyMatch(a -> a.contains("\"p-1\"") && a.contains("\"news\"")), "p-1 opted in: " + actions);
		assertTrue(actions.stream().noneMatch(a -> a.contains("\"p-1\"") && a.contains("\"deal\"")), "p-1 opted out: " + actions);
		assertTrue(actions.stream().anyMatch(a -> a.contains("\"p-3\"") && a.contains("\"deal\"")), actions.toString());
		assertTrue(actions.stream().noneMatch(a -> a.contains("\"p-3\"") && a.contains("\"news\"")), actions.toString());
		assertTrue(actions.stream().anyMatch(a -> a.contains("\"p-4\"") && a.contains("\"deal\"")), "no profile: " + actions);
		List<String> withheld = Files.readAllLines(out.resolve("suppressions.jsonl"));
		assertTrue(withheld.stream().anyMatch(w -> w.contains("NOT_SUBSCRIBED") && w.contains("p-1") && w.contains("profile import")),
				withheld.toString());
	}
}
