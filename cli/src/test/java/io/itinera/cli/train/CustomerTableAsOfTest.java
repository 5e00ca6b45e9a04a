package io.itinera.cli.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CustomerTableAsOfTest {
	@Test
	void readsADateAsItsStartInUtcAndAnInstantAsItIs() {
		assertEquals(Instant.parse("2011-07-31T00:00:00Z").toEpochMilli(), CustomerTable.asOf(" 2011-07-31 ", Map.of()));
		assertEquals(Instant.parse("2011-07-31T12:30:00Z").toEpochMilli(), CustomerTable.asOf("2011-07-31T12:30:00Z", Map.of()));
	}

	@Test
	void withoutOneIsTheLogsEndAndAWrongOneSaysWhatToGive() {
		assertEquals(0, CustomerTable.asOf(null, Map.of()));
		IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class, () -> CustomerTable.asOf("31.07.2011", Map.of()));
		assertTrue(wrong.getMessage().startsWith("--as-of 31.07.2011: give a date"), wrong.getMessage());
	}
}
