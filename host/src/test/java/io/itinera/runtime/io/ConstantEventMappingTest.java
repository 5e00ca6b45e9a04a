package io.itinera.runtime.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.plan.EventType;
import io.itinera.runtime.plan.FieldDecl;
import io.itinera.runtime.plan.SourceLocation;
import io.itinera.runtime.plan.ValueType;
import io.itinera.runtime.step.Event;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A log of one kind of event, with no type column, read as the UCI baskets are written. */
class ConstantEventMappingTest {
	private static final SourceLocation AT = SourceLocation.UNKNOWN;
	private static final EventSchema SCHEMA = new EventSchema(List.of(new EventType("order", List.of(
			new FieldDecl("invoice", ValueType.STRING, AT), new FieldDecl("amount", ValueType.DECIMAL, AT)), AT)));

	@TempDir
	Path dir;

	@Test
	void everyLineIsTheNamedEventAndLocalTimesWithNanosecondsAreRead() throws IOException {
		Path file = dir.resolve("baskets.csv");
		Files.writeString(file, """
				CustomerID,InvoiceNo,Basket Price,InvoiceDate
				12347,537626,711.79,2010-12-07 14:57:00.000001024
				12347,542237,475.39,2011-01-26 14:29:59.999999744
				12348,x,not-a-number,2011-01-26 14:29:59.999999744
				""");
		ColumnMapping mapping = ColumnMapping.parse("customer=CustomerID,time=InvoiceDate:yyyy-MM-dd HH:mm:ss.SSSSSSSSS,"
				+ "event=order,field.invoice=InvoiceNo,field.amount=Basket Price");
		try (EventLogSource source = EventLogSource.open(file, InputFormat.CSV, mapping, null, ',', SCHEMA)) {
			Event first = source.next().event();
			assertEquals("12347", first.customerId());
			assertEquals("order", first.type());
			assertEquals(Instant.parse("2010-12-07T14:57:00Z").toEpochMilli(), first.at());
			assertEquals("537626", first.fields().get("invoice"));
			assertEquals(711.79, (Double) first.fields().get("amount"), 1e-9);
			assertEquals(Instant.parse("2011-01-26T14:29:59.999Z").toEpochMilli(), source.next().event().at());
			SourceRecord bad = source.next();
			assertNull(bad.event());
			assertTrue(bad.deadLetter().reason().contains("amount"), bad.deadLetter().reason());
			assertNull(source.next());
		}
	}

	@Test
	void typeAndEventTogetherAreRefused() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
				() -> ColumnMapping.parse("type=kind,event=order"));
		assertTrue(e.getMessage().contains("event="), e.getMessage());
	}
}
