package io.itinera.runtime.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ColumnMappingTest {
	@Test
	void parsesEveryKindOfEntry() throws BadLineException {
		ColumnMapping mapping = ColumnMapping.parse("customer=CustomerID, time=InvoiceDate:M/d/yyyy H:mm, type=kind,"
				+ "type.pv=product_view,type.fav=-,field.amount=Price,zone=Europe/London,unknown=skip");

		assertEquals("CustomerID", mapping.customerColumn());
		assertEquals("InvoiceDate", mapping.timeColumn());
		assertEquals("kind", mapping.typeColumn());
		assertEquals("product_view", mapping.eventName("pv"));
		assertEquals("-", mapping.eventName("fav"));
		assertEquals("other", mapping.eventName("other"));
		assertEquals("Price", mapping.fieldColumn("amount"));
		assertEquals("price", mapping.fieldColumn("price"));
		assertEquals(ZoneId.of("Europe/London"), mapping.zone());
		assertTrue(mapping.skipUnknownTypes());
		assertEquals(java.time.Instant.parse("2010-12-01T08:26:00Z").toEpochMilli(), mapping.parsedTimeFormat().parse("12/1/2010 8:26"));
	}

	@Test
	void timeFormatsReadTheirForms() throws BadLineException {
		assertEquals(1_511_544_070_000L, TimeFormat.of("epoch-seconds", ZoneId.of("UTC")).parse("1511544070"));
		assertEquals(1_511_544_070_123L, TimeFormat.of("epoch-millis", ZoneId.of("UTC")).parse("1511544070123"));
		assertEquals(1_511_544_070_500L, TimeFormat.of("auto", ZoneId.of("UTC")).parse("1511544070.5"));
		assertEquals(1_511_544_070_123L, TimeFormat.of("auto", ZoneId.of("UTC")).parse("1511544070123"));
		assertEquals(0L, TimeFormat.of("iso", ZoneId.of("UTC")).parse("1970-01-01T00:00:00"));
		assertEquals(-3_600_000L, TimeFormat.of("iso", ZoneId.of("Europe/Paris")).parse("1970-01-01T00:00:00"));
		assertEquals(86_400_000L, TimeFormat.of("auto", ZoneId.of("UTC")).parse("1970-01-02"));
		assertThrows(BadLineException.class, () -> TimeFormat.of("epoch-seconds", ZoneId.of("UTC")).parse("2020-01-01"));
	}

	@Test
	void theFastIsoPathAgreesWithJavaTime() throws BadLineException {
		TimeFormat iso = TimeFormat.of("iso", ZoneId.of("UTC"));
		for (String text : new String[] { "2026-03-01T10:15:30Z", "2024-02-29T23:59:59Z", "1969-12-31T23:59:59.5Z",
				"2026-03-01T10:15:30.123Z", "2026-03-01T10:15:30.12Z", "2026-03-01T10:15:30.123456789Z", "0999-01-01T00:00:00Z" }) {
			assertEquals(java.time.Instant.parse(text).toEpochMilli(), iso.parse(text), text);
		}
		assertEquals(Long.MIN_VALUE, TimeFormat.utcFast("2023-02-29T00:00:00Z"));
		assertThrows(BadLineException.class, () -> iso.parse("2023-02-29T00:00:00Z"));
		assertThrows(BadLineException.class, () -> iso.parse("2023-13-01T00:00:00Z"));
	}

	@Test
	void aWrongEntrySaysWhatIsExpected() {
		assertTrue(assertThrows(IllegalArgumentException.class, () -> ColumnMapping.parse("user=id")).getMessage()
				.contains("customer="));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> ColumnMapping.parse("customer")).getMessage()
				.contains("KEY=VALUE"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> ColumnMapping.parse("zone=Mars/Olympus")).getMessage()
				.contains("time zone"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> ColumnMapping.parse("time=ts:qqqq-bogus-{")).getMessage()
				.contains("not a time format"));
	}
}
