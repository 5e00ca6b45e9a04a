package io.itinera.journeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.cli.journey.JourneyLoader;
import io.itinera.runtime.rules.RawDrlChecker;
import java.nio.file.Path;
import java.util.List;
import org.drools.drl.parser.DrlParser;
import org.junit.jupiter.api.Test;

/**
 * Xtext's parsers and Drools' classic DRL parser both run on antlr 3. Xtext needs antlr-runtime
 * 3.2 (3.5 breaks it), so the build pins 3.2; this proves Drools' parser works on it, in one JVM
 * with Xtext, so a dependency upgrade that breaks either fails here.
 */
class AntlrCoexistenceTest {

	@Test
	void antlrRuntimeIsXtextsThreeTwo() {
		String jar = org.antlr.runtime.Parser.class.getProtectionDomain().getCodeSource().getLocation().toString();
		assertTrue(jar.contains("antlr-runtime-3.2"), "antlr-runtime on the class path: " + jar);
		assertFalse(DrlParser.ANTLR4_PARSER_ENABLED, "Drools uses its classic antlr 3 DRL parser");
	}

	@Test
	void droolsClassicParserAndXtextWorkSideBySide() throws Exception {
		JourneyLoader.LoadedJourney journey = new JourneyLoader().load(Path.of("cart-recovery.journey"));
		assertNotNull(journey.journey());
		assertFalse(journey.hasErrors());

		RawDrlChecker drools = new RawDrlChecker();
		assertEquals(List.of(), drools.check("CartRecovery", "Rescue", """
				rule "Rescue :: raw"
				when
				    $customer : CustomerFact( stage == "Abandoned", getFeature("cartValue") > 100 || text("tier") in ("gold") )
				then
				    decisions.tag("Rescue", "raw", "seen");
				end
				"""));
		var problems = drools.check("CartRecovery", "Rescue", "rule \"broken\"\nwhen\n  CustomerFact( stage == )\nthen\nend\n");
		assertFalse(problems.isEmpty(), "the antlr 3 parser reports syntax errors");
		assertEquals(3, problems.get(0).line(), problems.toString());
	}
}
