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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLogSourceTest {
	private static final SourceLocation AT = SourceLocation.UNKNOWN;
	private static final EventSchema SCHEMA = new EventSchema(List.of(
			new EventType("product_view", List.of(new FieldDecl("productId", ValueType.STRING, AT),
					new FieldDecl("price", ValueType.DECIMAL, AT)), AT),
			new EventType("cart_add", List.of(new FieldDecl("productId", ValueType.STRING, AT),
					new FieldDecl("quantity", ValueType.INT, AT), new FieldDecl("gift", ValueType.BOOLEAN, AT)), AT),
			new EventType("purchase", List.of(), AT)));

	@TempDir
	Path dir;

	private List<SourceRecord> read(String name, String text, InputFormat format, ColumnMapping mapping, List<String> columns)
			throws IOException {
		Path file = dir.resolve(name);
		Files.writeString(file, text);
		List<SourceRecord> records = new ArrayList<>();
		try (EventLogSource source = EventLogSource.open(file, format, mapping, columns, ',', SCHEMA)) {
			SourceRecord record;
			while ((record = source.next()) != null) {
				records.add(record);
			}
		}
		return records;
	}

	private static long millis(String iso) {
		return Instant.parse(iso).toEpochMilli();
	}

	@Test
	void readsTheDocumentedCsvSchemaWithTypedFields() throws IOException {
		List<SourceRecord> records = read("log.csv", """
				customer,time,type,productId,price,quantity,gift
				c1,2026-03-01T10:00:00Z,product_view,p1,12.50,,
				c1,2026-03-01T10:01:00+01:00,cart_add,"p,2",,3,true
				""", InputFormat.CSV, ColumnMapping.defaults(), null);

		assertEquals(new Event("c1", millis("2026-03-01T10:00:00Z"), "product_view", Map.of("productId", "p1", "price", 12.5)),
				records.get(0).event());
		assertEquals(new Event("c1", millis("2026-03-01T09:01:00Z"), "cart_add", Map.of("productId", "p,2", "quantity", 3L, "gift", true)),
				records.get(1).event());
		assertEquals(3, records.get(1).lineNumber());
	}

	@Test
	void aShopExportIsReadThroughAColumnMappingWithoutAHeader() throws IOException {
		ColumnMapping mapping = ColumnMapping.parse(
				"customer=user_id,time=timestamp:epoch-seconds,type=behavior_type,type.pv=product_view,type.cart=cart_add,"
						+ "type.fav=-,type.buy=purchase,field.productId=item_id");
		List<SourceRecord> records = read("UserBehavior.csv", """
				1,2268318,2520377,pv,1511544070
				1,2333346,2520771,fav,1511561733
				2,2576651,149192,cart,1511572885
				2,2576651,149192,buy,1511572999
				""", InputFormat.CSV, mapping, List.of("user_id", "item_id", "category_id", "behavior_type", "timestamp"));

		assertEquals(new Event("1", 1511544070_000L, "product_view", Map.of("productId", "2268318")), records.get(0).event());
		assertNull(records.get(1).event(), "fav is mapped to - and skipped");
		assertNull(records.get(1).deadLetter());
		assertEquals("cart_add", records.get(2).event().type());
		assertEquals("purchase", records.get(3).event().type());
	}

	@Test
	void badLinesBecomeDeadLettersWithTheirLineAndReason() throws IOException {
		List<SourceRecord> records = read("log.csv", """
				customer,time,type,productId,price
				c1,2026-03-01T10:00:00Z,product_view,p1,1.5
				,2026-03-01T10:00:00Z,product_view,p1,1.5
				c1,yesterday,product_view,p1,1.5
				c1,2026-03-01T10:00:00Z,refund,p1,1.5
				c1,2026-03-01T10:00:00Z,product_view,p1,cheap
				c1,"2026-03-01T10:00:00Z

				c2,1772359200,product_view,p9,2
				""", InputFormat.CSV, ColumnMapping.defaults(), null);

		List<String> reasons = records.stream().filter(r -> r.deadLetter() != null).map(r -> r.deadLetter().line() + " "
				+ r.deadLetter().reason()).toList();
		assertEquals(5, reasons.size(), reasons.toString());
		assertTrue(reasons.get(0).startsWith("3 missing customer id"), reasons.get(0));
		assertTrue(reasons.get(1).startsWith("4 bad timestamp 'yesterday'"), reasons.get(1));
		assertTrue(reasons.get(2).startsWith("5 unknown event type 'refund'") && reasons.get(2).contains("--map type.refund="),
				reasons.get(2));
		assertTrue(reasons.get(3).startsWith("6 field product_view.price: 'cheap' is not a decimal"), reasons.get(3));
		assertTrue(reasons.get(4).startsWith("7 unterminated quoted cell"), reasons.get(4));
		SourceRecord last = records.get(records.size() - 1);
		assertEquals(9, last.lineNumber(), "blank lines are skipped but counted");
		assertEquals(1772359200_000L, last.event().at(), "epoch seconds are recognised");
		assertEquals("c1,yesterday,product_view,p1,1.5", records.get(2).deadLetter().raw());
	}

	@Test
	void aFirstPassFindsTheSameEventsAndDeadLettersWithoutKeepingFields() throws IOException {
		Path file = dir.resolve("first-pass.csv");
		Files.writeString(file, """
				customer,time,type,productId,price,quantity,gift
				c1,2026-03-01T10:00:00Z,product_view,p1,1.5,,
				,2026-03-01T10:00:00Z,product_view,p1,1.5,,
				c1,2026-03-01T10:00:00Z,product_view,p1,cheap,,
				c2,2026-03-01T10:02:00Z,cart_add,p2,,many,
				c2,2026-03-01T10:03:00Z,cart_add,p2,,2,perhaps
				c1,"2026-03-01T10:00:00Z

				c2,1772359200,cart_add,p9,,2,true
				""");
		ReadOptions options = ReadOptions.defaults();
		List<SourceRecord> full = new ArrayList<>();
		List<SourceRecord> first = new ArrayList<>();
		for (boolean firstPass : new boolean[] { false, true }) {
			try (EventLogSource source = EventLogSource.open(file, InputFormat.CSV, ColumnMapping.defaults(), null, ',', SCHEMA,
					firstPass ? options.forFirstPass() : options)) {
				SourceRecord record;
				while ((record = source.next()) != null) {
					(firstPass ? first : full).add(record);
				}
			}
		}
		assertEquals(full.size(), first.size());
		assertEquals(5, full.stream().filter(r -> r.deadLetter() != null).count(), full.toString());
		for (int i = 0; i < full.size(); i++) {
			SourceRecord a = full.get(i);
			SourceRecord b = first.get(i);
			assertEquals(a.lineNumber(), b.lineNumber());
			assertEquals(a.deadLetter(), b.deadLetter());
			assertEquals(a.event() == null ? null : new Event(a.event().customerId(), a.event().at(), a.event().type(), Map.of()),
					b.event());
		}
	}

	@Test
	void readsJsonLinesWithTopLevelOrNestedFields() throws IOException {
		List<SourceRecord> records = read("log.jsonl", """
				{"customer":"c1","time":"2026-03-01T10:00:00Z","type":"product_view","productId":"p1","price":3.5}
				{"customer_id":"c2","timestamp":1772359200123,"event_type":"cart_add","fields":{"productId":"p2","quantity":2}}
				{"customer":"c3","time":"2026-03-01T10:00:00Z",
				""", InputFormat.JSONL, ColumnMapping.defaults(), null);

		assertEquals(new Event("c1", millis("2026-03-01T10:00:00Z"), "product_view", Map.of("productId", "p1", "price", 3.5)),
				records.get(0).event());
		assertEquals(new Event("c2", 1772359200123L, "cart_add", Map.of("productId", "p2", "quantity", 2L)), records.get(1).event());
		assertTrue(records.get(2).deadLetter().reason().startsWith("not valid JSON"), records.get(2).deadLetter().reason());
	}

	@Test
	void aHeaderWithoutTheNeededColumnsSaysWhatToMap() throws IOException {
		IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
				() -> read("log.csv", "user,when,what\n", InputFormat.CSV, ColumnMapping.defaults(), null));
		assertTrue(error.getMessage().contains("log.csv:1: the log has no customer column"), error.getMessage());
		assertTrue(error.getMessage().contains("--map customer=COLUMN"), error.getMessage());
	}

	@Test
	void resumesAtASavedPosition() throws IOException {
		Path file = dir.resolve("log.csv");
		Files.writeString(file, "customer,time,type\nc1,1772359201,purchase\nc2,1772359202,purchase\r\nc3,1772359203,purchase\n");
		long position;
		try (EventLogSource source = EventLogSource.open(file, InputFormat.CSV, ColumnMapping.defaults(), null, ',', SCHEMA)) {
			source.next();
			source.next();
			position = source.position();
			assertEquals(3, source.lineNumber());
		}
		try (EventLogSource source = EventLogSource.open(file, InputFormat.CSV, ColumnMapping.defaults(), null, ',', SCHEMA)) {
			source.resumeAt(position, 3);
			SourceRecord record = source.next();
			assertEquals("c3", record.event().customerId());
			assertEquals(4, record.lineNumber());
			assertNull(source.next());
		}
	}
}
