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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Computed fields, row filters, skipping guests and normalising ids: one line at a time, as every host reads. */
class MappingPreparationTest {
	private static final SourceLocation AT = SourceLocation.UNKNOWN;
	private static final EventSchema SCHEMA = new EventSchema(List.of(new EventType("order", List.of(
			new FieldDecl("invoice", ValueType.STRING, AT), new FieldDecl("amount", ValueType.DECIMAL, AT),
			new FieldDecl("quantity", ValueType.INT, AT)), AT)));
	private static final List<String> COLUMNS = List.of("InvoiceNo", "Quantity", "UnitPrice", "CustomerID", "Country", "InvoiceDate");
	private static final String BASE = "time=InvoiceDate,event=order,field.invoice=InvoiceNo,field.quantity=Quantity,";

	@TempDir
	Path dir;

	private static Event csv(String mapping, String line) throws BadLineException {
		return new CsvEventParser(COLUMNS, ',', ColumnMapping.parse(BASE + mapping), SCHEMA, TimeWindow.unlimited()).parse(line);
	}

	@Test
	void aComputedFieldIsArithmeticOverColumnsAndRenamedFields() throws BadLineException {
		Event event = csv("customer=CustomerID,field.amount=(quantity+1)*UnitPrice/2",
				"536365,6,2.5,17850,United Kingdom,2010-12-01T08:26:00Z");
		assertEquals(8.75, (Double) event.fields().get("amount"), 1e-12);
		assertEquals(6L, event.fields().get("quantity"));
		assertNull(csv("customer=CustomerID,field.amount=Quantity*UnitPrice", "536365,6,,17850,UK,2010-12-01T08:26:00Z")
				.fields().get("amount"), "an empty cell leaves the field missing");
		BadLineException bad = assertThrows(BadLineException.class, () -> csv("customer=CustomerID,field.amount=Quantity*UnitPrice",
				"536365,6,two,17850,UK,2010-12-01T08:26:00Z"));
		assertTrue(bad.getMessage().contains("column UnitPrice") && bad.getMessage().contains("'two'"), bad.getMessage());
		assertEquals(12.0, (Double) csv("customer=CustomerID,field.amount=-Quantity*-2", "1,6,1,1,UK,2010-12-01T08:26:00Z")
				.fields().get("amount"), 1e-12);
	}

	@Test
	void whereConditionsAreAllRequiredAndLeaveLinesOutQuietly() throws BadLineException {
		String mapping = "customer=CustomerID,where=Quantity>0,where=InvoiceNo not startswith 'C',where=Country=='United Kingdom'";
		String line = "536365,6,2.5,17850,United Kingdom,2010-12-01T08:26:00Z";
		assertEquals("536365", csv(mapping, line).fields().get("invoice"));
		assertNull(csv(mapping, line.replace(",6,", ",-6,")));
		assertNull(csv(mapping, line.replace(",6,", ",0,")));
		assertNull(csv(mapping, "C" + line));
		assertNull(csv(mapping, line.replace("United Kingdom", "France")));
		assertNull(csv(mapping, line.replace(",6,", ",,")), "an empty column does not meet a condition");
		assertEquals("536365", csv("customer=CustomerID,where=Quantity*UnitPrice>=15,where=Country!='France',where=InvoiceNo startswith '5'",
				line).fields().get("invoice"));
		assertNull(csv("customer=CustomerID,where=Quantity*UnitPrice>15", line));
		assertNull(csv("customer=CustomerID,where=Quantity>0", "536365,6,2.5,,United Kingdom,nonsense".replace(",6,", ",-1,")),
				"a line left out is never a dead letter, however bad its other cells");
	}

	@Test
	void guestLinesAreSkippedOnlyWhenTheMappingSaysSo() throws BadLineException {
		String guest = "536366,6,1.85,,United Kingdom,2010-12-01T08:28:00Z";
		BadLineException bad = assertThrows(BadLineException.class, () -> csv("customer=CustomerID", guest));
		assertTrue(bad.getMessage().contains("skip.customer=missing"), bad.getMessage());
		assertNull(csv("customer=CustomerID,skip.customer=missing", guest));
	}

	@Test
	void customerIdsAreNormalisedAsTheMappingSays() throws BadLineException {
		String line = "536365,6,2.5,CUSTOMER,United Kingdom,2010-12-01T08:26:00Z";
		assertEquals("17850", csv("customer=CustomerID:integer", line.replace("CUSTOMER", "17850.0")).customerId());
		assertEquals("17850", csv("customer=CustomerID:integer", line.replace("CUSTOMER", " 17850.00 ")).customerId());
		assertEquals("17850", csv("customer=CustomerID:integer", line.replace("CUSTOMER", "017850")).customerId());
		assertEquals("17850.0", csv("customer=CustomerID", line.replace("CUSTOMER", "17850.0")).customerId(), "as it is by default");
		assertEquals("a 1", csv("customer=CustomerID:trim", line.replace("CUSTOMER", "  a 1 ")).customerId());
		BadLineException bad = assertThrows(BadLineException.class,
				() -> csv("customer=CustomerID:integer", line.replace("CUSTOMER", "17850.5")));
		assertTrue(bad.getMessage().contains("'17850.5' is not a whole number"), bad.getMessage());
	}

	@Test
	void aJsonRecordIsPreparedTheSameWay() throws BadLineException {
		JsonLinesEventParser parser = new JsonLinesEventParser(ColumnMapping.parse("customer=CustomerID:integer,time=InvoiceDate,"
				+ "event=order,field.invoice=InvoiceNo,field.amount=Quantity*UnitPrice,where=Quantity>0,skip.customer=missing"),
				SCHEMA, TimeWindow.unlimited());
		Event event = parser.parse("{\"InvoiceNo\":\"536365\",\"Quantity\":6,\"UnitPrice\":2.55,\"CustomerID\":17850.0,"
				+ "\"InvoiceDate\":\"2010-12-01T08:26:00Z\"}");
		assertEquals("17850", event.customerId());
		assertEquals(15.3, (Double) event.fields().get("amount"), 1e-9);
		assertNull(parser.parse("{\"InvoiceNo\":\"C1\",\"Quantity\":-6,\"UnitPrice\":2.55,\"CustomerID\":17850.0,"
				+ "\"InvoiceDate\":\"2010-12-01T08:26:00Z\"}"));
		assertNull(parser.parse("{\"InvoiceNo\":\"2\",\"Quantity\":6,\"UnitPrice\":2.55,\"InvoiceDate\":\"2010-12-01T08:26:00Z\"}"));
	}

	@Test
	void aGroupedJsonLinesLogIsReadLikeACsvOne() throws IOException {
		Path file = dir.resolve("lines.jsonl");
		Files.writeString(file, """
				{"InvoiceNo":"1","Quantity":2,"UnitPrice":1.5,"CustomerID":"7.0","InvoiceDate":"2010-12-01T08:26:00Z"}
				{"InvoiceNo":"2","Quantity":1,"UnitPrice":4,"CustomerID":"8","InvoiceDate":"2010-12-01T08:27:00Z"}
				{"InvoiceNo":"1","Quantity":3,"UnitPrice":1,"CustomerID":"7","InvoiceDate":"2010-12-01T08:26:00Z"}
				""");
		ColumnMapping mapping = ColumnMapping.parse("customer=CustomerID:integer,time=InvoiceDate,event=order,group=InvoiceNo,"
				+ "field.invoice=InvoiceNo,field.amount=sum(Quantity*UnitPrice),field.quantity=sum(Quantity)");
		List<Event> events = new ArrayList<>();
		try (EventLogSource source = EventLogSource.open(file, InputFormat.JSONL, mapping, null, ',', SCHEMA)) {
			SourceRecord record;
			while ((record = source.next()) != null) {
				if (record.event() != null) {
					events.add(record.event());
				}
			}
			assertEquals(1, source.joinedLines());
		}
		assertEquals(2, events.size());
		assertEquals("7", events.get(0).customerId());
		assertEquals(6.0, (Double) events.get(0).fields().get("amount"), 1e-12);
		assertEquals(5L, events.get(0).fields().get("quantity"));
	}

	@Test
	void withoutGroupAColumnNamedCountIsAColumn() {
		assertEquals("count", ColumnMapping.parse("field.n=count").fieldRule("n").column());
		assertEquals(FieldRule.Aggregate.COUNT, ColumnMapping.parse("group=g,field.n=count").fieldRule("n").aggregate());
		assertEquals("Basket Price", ColumnMapping.parse("field.amount=Basket Price").fieldRule("amount").column());
		assertEquals("price(eur)", ColumnMapping.parse("field.amount=`price(eur)`").fieldRule("amount").column());
	}

	@Test
	void mistakesAreRefusedBeforeReadingWithTheFix() {
		assertRefused("field.amount=sum(Quantity)", "group=InvoiceNo");
		assertRefused("where=Quantity", "no comparison");
		assertRefused("where=Country>'UK'", "== or !=");
		assertRefused("where=Country startswith UK", "quote the text");
		assertRefused("field.amount=Quantity*", "is not an expression");
		assertRefused("skip.customer=always", "skip.customer=missing");
		IllegalArgumentException live = assertThrows(IllegalArgumentException.class,
				() -> ColumnMapping.parse("group=InvoiceNo").perRecord("--kafka"));
		assertTrue(live.getMessage().contains("group=InvoiceNo does not go with --kafka"), live.getMessage());
		IllegalArgumentException list = assertThrows(IllegalArgumentException.class, () -> new CsvEventParser(COLUMNS, ',',
				ColumnMapping.parse(BASE + "customer=CustomerID,group=InvoiceNo,field.amount=list(Quantity)"), SCHEMA));
		assertTrue(list.getMessage().contains("a list is text"), list.getMessage());
		IllegalArgumentException column = assertThrows(IllegalArgumentException.class, () -> new CsvEventParser(COLUMNS, ',',
				ColumnMapping.parse(BASE + "customer=CustomerID,where=Qty>0"), SCHEMA));
		assertTrue(column.getMessage().contains("column 'Qty' the log does not have"), column.getMessage());
		IllegalArgumentException noHeader = assertThrows(IllegalArgumentException.class, () -> new CsvEventParser(
				List.of("1", "2268318", "2520377", "pv", "1511544070"), ',', ColumnMapping.parse("event=order"), SCHEMA));
		assertTrue(noHeader.getMessage().contains("looks like data, not a header") && noHeader.getMessage().contains("--columns"),
				"a log without a header: " + noHeader.getMessage());
		IllegalArgumentException field = assertThrows(IllegalArgumentException.class, () -> new CsvEventParser(COLUMNS, ',',
				ColumnMapping.parse(BASE + "customer=CustomerID,field.amount=Price"), SCHEMA));
		assertTrue(field.getMessage().contains("column 'Price' the log does not have") && field.getMessage().contains("UnitPrice"),
				"a field mapped to a column that is not there: " + field.getMessage());
		IllegalArgumentException unquoted = assertThrows(IllegalArgumentException.class, () -> new CsvEventParser(COLUMNS, ',',
				ColumnMapping.parse(BASE + "customer=CustomerID,where=Country==UK"), SCHEMA));
		assertTrue(unquoted.getMessage().contains("column 'UK'") && unquoted.getMessage().contains("quoted"), unquoted.getMessage());
	}

	private static void assertRefused(String mapping, String expected) {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ColumnMapping.parse(mapping));
		assertTrue(e.getMessage().contains(expected), e.getMessage());
	}
}
