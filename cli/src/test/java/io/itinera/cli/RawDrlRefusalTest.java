package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.rules.RawDrlPolicy;
import io.itinera.serve.LiveServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Raw DRL runs arbitrary code: every host refuses it without {@code --allow-raw-drl}, through the one assembly. */
class RawDrlRefusalTest {
	@TempDir
	Path folder;

	private Path rawJourney() throws Exception {
		return Files.writeString(folder.resolve("raw.journey"), TestCommandTest.JOURNEY.replace(
				"    rule \"Reminder\" otherwise then send push \"reminder\"\n",
				"    rule \"Reminder\" otherwise then send push \"reminder\"\n    drl \"\"\"\n    rule \"Rescue :: raw\" when then end\n    \"\"\"\n"));
	}

	@Test
	void serveRefusesToStart() throws Exception {
		Path state = folder.resolve("state");
		InProcessCli.Result result = InProcessCli.execute("serve", rawJourney().toString(), "--state", state.toString(), "--port", "0");
		assertEquals(1, result.exit(), result.out() + result.err());
		assertTrue(result.err().contains("raw.journey:13:3: error: campaign Rescue has a raw drl block"), result.err());
		assertTrue(result.err().contains("--allow-raw-drl") && result.err().contains(RawDrlPolicy.CODE), result.err());
		assertFalse(result.out().contains("Serving"), result.out());
		assertFalse(Files.exists(state.resolve("input")) || Files.exists(state.resolve("engine")), "the server never opened its state");
	}

	@Test
	void checkForbidsRawDrlOnlyWhenAskedAndLeavesTheNextCheckAlone() throws Exception {
		String file = rawJourney().toString();
		InProcessCli.Result forbidden = InProcessCli.execute("check", "--forbid-raw-drl", file);
		assertEquals(1, forbidden.exit(), forbidden.out() + forbidden.err());
		assertTrue(forbidden.out().contains("Campaign Rescue has a raw drl block"), forbidden.out());
		InProcessCli.Result allowed = InProcessCli.execute("check", file);
		assertEquals(0, allowed.exit(), allowed.out() + allowed.err());
		assertFalse(allowed.out().contains("raw drl block"), "no setting outlives its command: " + allowed.out());
	}
}
