package io.itinera.runtime.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.plan.EventType;
import io.itinera.runtime.plan.FieldDecl;
import io.itinera.runtime.plan.SourceLocation;
import io.itinera.runtime.plan.ValueType;
import io.itinera.runtime.step.Event;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A giftware shop's line-item export (one line per product of an invoice; ids written 17850.0;
 * guest lines without a customer; cancellations C… with negative quantities; an invoice whose lines
 * are not adjacent) read with one mapping into orders, checked against a count made from the raw lines.
 */
public class LineItemMappingTest {
	static final String MAPPING = "customer=CustomerID:integer,time=InvoiceDate:M/d/yyyy H:mm,event=order,"
			+ "skip.customer=missing,where=Quantity>0,where=InvoiceNo not startswith 'C',group=InvoiceNo,"
			+ "field.invoice=InvoiceNo,field.amount=sum(Quantity*UnitPrice),field.lines=count,field.items=list(StockCode),"
			+ "field.firstItem=first(StockCode),field.lastItem=last(StockCode)";
	private static final SourceLocation AT = SourceLocation.UNKNOWN;
	static final EventSchema SCHEMA = new EventSchema(List.of(new EventType("order", List.of(
			new FieldDecl("invoice", ValueType.STRING, AT), new FieldDecl("amount", ValueType.DECIMAL, AT),
			new FieldDecl("lines", ValueType.INT, AT), new FieldDecl("items", ValueType.STRING, AT),
			new FieldDecl("firstItem", ValueType.STRING, AT), new FieldDecl("lastItem", ValueType.STRING, AT)), AT)));
	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("M/d/yyyy H:mm");

	@TempDir
	Path dir;

	@Test
	void ordersFromLineItemsEqualACountOfTheRawLines() throws IOException {
		Path file = dir.resolve("giftware.csv");
		List<String> raw = giftwareExport(new Random(11), 400);
		Files.write(file, raw);
		Map<String, Expected> expected = countOrders(raw);
		assertTrue(expected.size() > 250, "orders in the export: " + expected.size());
		assertTrue(someInvoiceIsApart(raw), "the export has an invoice whose lines are not adjacent");

		Map<String, Event> orders = new LinkedHashMap<>();
		long skippedOrJoined = 0;
		try (EventLogSource source = EventLogSource.open(file, InputFormat.CSV, ColumnMapping.parse(MAPPING), null, ',', SCHEMA)) {
			SourceRecord record;
			while ((record = source.next()) != null) {
				assertNull(record.deadLetter(), () -> "no dead letters expected");
				if (record.event() != null) {
					assertNull(orders.put((String) record.event().fields().get("invoice"), record.event()), "one event per invoice");
				} else {
					skippedOrJoined++;
				}
			}
			assertEquals(raw.size() - 1 - orders.size(), skippedOrJoined);
			long keptLines = expected.values().stream().mapToLong(e -> e.items.size()).sum();
			assertEquals(keptLines - orders.size(), source.joinedLines());
		}
		assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(orders.keySet()), "orders in the order of their first lines");
		for (Expected order : expected.values()) {
			Event event = orders.get(order.invoice);
			assertEquals(order.customer, event.customerId(), order.invoice);
			assertEquals(order.at, event.at(), order.invoice);
			assertEquals(order.amount.doubleValue(), (Double) event.fields().get("amount"), 1e-6, order.invoice);
			assertEquals((long) order.items.size(), event.fields().get("lines"), order.invoice);
			assertEquals(String.join(",", order.items), event.fields().get("items"), order.invoice);
		}
	}

	@Test
	void anInvoiceWhoseLinesAreApartIsOneOrderAtItsEarliestTime() throws IOException {
		Path file = dir.resolve("apart.csv");
		Files.writeString(file, """
				InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
				536365,85123A,WHITE HANGING HEART,6,12/1/2010 8:26,2.55,17850.0,United Kingdom
				536366,22633,HAND WARMER UNION JACK,6,12/1/2010 8:28,1.85,13047.0,United Kingdom
				536365,71053,WHITE METAL LANTERN,6,12/1/2010 8:27,3.39,17850.0,United Kingdom
				536367,84879,ASSORTED BIRD ORNAMENT,32,12/1/2010 8:34,1.69,,United Kingdom
				C536379,D,Discount,-1,12/1/2010 9:41,27.5,14527.0,United Kingdom
				536365,84406B,CREAM CUPID HEARTS,8,12/1/2010 8:26,2.75,17850.0,United Kingdom
				""");
		List<SourceRecord> records = new ArrayList<>();
		try (EventLogSource source = EventLogSource.open(file, InputFormat.CSV, ColumnMapping.parse(MAPPING), null, ',', SCHEMA)) {
			SourceRecord record;
			while ((record = source.next()) != null) {
				records.add(record);
			}
		}
		assertEquals(6, records.size());
		Event hearts = records.get(0).event();
		assertEquals(2, records.get(0).lineNumber(), "an order comes at its first line");
		assertEquals("17850", hearts.customerId());
		assertEquals(LocalDateTime.parse("2010-12-01T08:26").toInstant(ZoneOffset.UTC).toEpochMilli(), hearts.at());
		assertEquals(6 * 2.55 + 6 * 3.39 + 8 * 2.75, (Double) hearts.fields().get("amount"), 1e-9);
		assertEquals(3L, hearts.fields().get("lines"));
		assertEquals("85123A,71053,84406B", hearts.fields().get("items"));
		assertEquals("85123A", hearts.fields().get("firstItem"), "the earliest line's; the first in the file among equally early");
		assertEquals("71053", hearts.fields().get("lastItem"), "the latest line's (8:27)");
		assertEquals("13047", records.get(1).event().customerId(), "536366 ends at its only line");
		for (int i : new int[] { 2, 3, 4, 5 }) {
			assertNull(records.get(i).event(), "joined, a guest or a cancellation: line " + records.get(i).lineNumber());
			assertNull(records.get(i).deadLetter(), "line " + records.get(i).lineNumber());
		}
	}

	@Test
	void aResumedReadPutsTheOpenGroupsTogetherAgain() throws IOException {
		Path file = dir.resolve("resume.csv");
		List<String> raw = giftwareExport(new Random(5), 120);
		Files.write(file, raw);
		ColumnMapping mapping = ColumnMapping.parse(MAPPING);
		List<Event> whole = new ArrayList<>();
		try (EventLogSource source = EventLogSource.open(file, InputFormat.CSV, mapping, null, ',', SCHEMA)) {
			SourceRecord record;
			while ((record = source.next()) != null) {
				if (record.event() != null) {
					whole.add(record.event());
				}
			}
		}
		for (int split = 1; split < raw.size(); split += 37) {
			assertEquals(whole, resumedAfter(file, mapping, split), "resumed after " + split + " records");
		}
	}

	private static List<Event> resumedAfter(Path file, ColumnMapping mapping, int records) throws IOException {
		List<Event> resumed = new ArrayList<>();
		long position;
		long line;
		try (EventLogSource source = EventLogSource.open(file, InputFormat.CSV, mapping, null, ',', SCHEMA)) {
			for (int i = 0; i < records; i++) {
				Event event = source.next().event();
				if (event != null) {
					resumed.add(event);
				}
			}
			position = source.position();
			line = source.lineNumber();
		}
		try (EventLogSource source = EventLogSource.open(file, InputFormat.CSV, mapping, null, ',', SCHEMA)) {
			source.resumeAt(position, line);
			SourceRecord record;
			while ((record = source.next()) != null) {
				if (record.event() != null) {
					resumed.add(record.event());
				}
			}
		}
		return resumed;
	}

	private static boolean someInvoiceIsApart(List<String> raw) {
		java.util.Set<String> ended = new java.util.HashSet<>();
		String previous = null;
		for (String line : raw.subList(1, raw.size())) {
			String invoice = line.substring(0, line.indexOf(','));
			if (!invoice.equals(previous)) {
				if (ended.contains(invoice)) {
					return true;
				}
				if (previous != null) {
					ended.add(previous);
				}
				previous = invoice;
			}
		}
		return false;
	}

	/** What the test expects of one invoice, counted from the raw lines alone. */
	static final class Expected {
		final String invoice;
		String customer;
		long at = Long.MAX_VALUE;
		BigDecimal amount = BigDecimal.ZERO;
		final List<String> items = new ArrayList<>();

		Expected(String invoice) {
			this.invoice = invoice;
		}
	}

	/** Orders counted from the export's text: no guests, no cancellations, no returns. */
	static Map<String, Expected> countOrders(List<String> raw) {
		Map<String, Expected> orders = new LinkedHashMap<>();
		for (String line : raw.subList(1, raw.size())) {
			String[] cell = line.split(",", -1);
			String invoice = cell[0];
			BigDecimal quantity = new BigDecimal(cell[3]);
			if (cell[6].isEmpty() || invoice.startsWith("C") || quantity.signum() <= 0) {
				continue;
			}
			Expected order = orders.computeIfAbsent(invoice, Expected::new);
			order.customer = new BigDecimal(cell[6]).toBigIntegerExact().toString();
			order.at = Math.min(order.at, LocalDateTime.parse(cell[4], DATE).toInstant(ZoneOffset.UTC).toEpochMilli());
			order.amount = order.amount.add(quantity.multiply(new BigDecimal(cell[5])));
			order.items.add(cell[1]);
		}
		return orders;
	}

	/**
	 * A seeded export shaped like the UCI giftware file: InvoiceNo, StockCode, Description, Quantity,
	 * InvoiceDate, UnitPrice, CustomerID (17850.0, or empty for a guest), Country; some invoices
	 * cancelled (C…, negative quantities), and lines of some invoices moved apart.
	 */
	public static List<String> giftwareExport(Random random, int invoices) {
		List<List<String>> blocks = new ArrayList<>();
		LocalDateTime at = LocalDateTime.parse("2010-12-01T08:26");
		for (int i = 0; i < invoices; i++) {
			at = at.plusMinutes(1 + random.nextInt(90));
			boolean guest = random.nextInt(5) == 0;
			boolean cancelled = !guest && random.nextInt(12) == 0;
			String customer = guest ? "" : (12346 + random.nextInt(60)) + ".0";
			String invoice = (cancelled ? "C" : "") + (536365 + i);
			List<String> lines = new ArrayList<>();
			int count = 1 + random.nextInt(6);
			for (int l = 0; l < count; l++) {
				int quantity = (1 + random.nextInt(24)) * (cancelled ? -1 : 1);
				String price = BigDecimal.valueOf(random.nextInt(1500) + 15, 2).toPlainString();
				LocalDateTime lineAt = at.plusMinutes(random.nextInt(3) == 0 ? 1 : 0);
				lines.add(invoice + "," + (20000 + random.nextInt(900)) + (random.nextBoolean() ? "A" : "") + ",ITEM " + l + ","
						+ quantity + "," + DATE.format(lineAt) + "," + price + "," + customer + ",United Kingdom");
			}
			blocks.add(lines);
		}
		for (int i = 3; i + 2 < blocks.size(); i += 17) {
			// the last line of an invoice moved after the next two invoices
			List<String> moved = blocks.get(i);
			if (moved.size() > 1) {
				blocks.get(i + 2).add(moved.remove(moved.size() - 1));
			}
		}
		List<String> export = new ArrayList<>(List.of("InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country"));
		blocks.forEach(export::addAll);
		return export;
	}
}
