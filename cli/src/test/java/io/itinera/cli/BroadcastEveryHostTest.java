package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.io.JsonLinesOutput;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broadcasts ({@code journeys/broadcast-newsletter.journey}: a Monday newsletter to a segment of an
 * attribute, a daily deal to a segment of a 30-day window) on every host ({@link EveryHost}): over one
 * log of customers in Berlin and New York, across both spring DST changes, {@code run},
 * {@code simulate}, {@code flink --local}, {@code run --kafka} and {@code serve --clock event} send the
 * same messages. Most customers' last event is at the end of the log, so the live hosts, which never
 * replay an end, fire their every broadcast too; the others' last broadcasts come from the end of a
 * replay alone ({@code run}, {@code simulate}, Flink). Each newsletter goes at 10:00 on a Monday in the
 * customer's own zone, one per Monday between signing up and the end (counted here from the calendar).
 */
class BroadcastEveryHostTest {
	private static final Path JOURNEY = Path.of("..", "journeys", "broadcast-newsletter.journey").toAbsolutePath().normalize();
	private static final Instant START = Instant.parse("2025-03-03T00:00:00Z");
	private static final Instant END = Instant.parse("2025-04-14T12:00:00Z"); // across the spring DST changes of both zones
	private static final List<String> ZONES = List.of("Europe/Berlin", "America/New_York");

	@TempDir
	Path dir;

	@RegisterExtension
	static final EveryHost.Broker BROKER = new EveryHost.Broker();

	private record Customer(String id, String zone, boolean reader, Instant signup, boolean atTheEnd) {
	}

	@Test
	void everyHostSendsTheBroadcastsAtTenLocal() throws Exception {
		Random random = new Random(25);
		List<Customer> customers = new ArrayList<>();
		List<String> lines = new ArrayList<>();
		for (int c = 0; c < 60; c++) {
			Customer customer = new Customer("c" + c, ZONES.get(c % 2), random.nextInt(10) < 6,
					START.plusSeconds(60L * random.nextInt(60 * 24 * 14)), c % 4 != 0);
			customers.add(customer);
			lines.add(signup(customer));
			Instant at = customer.signup();
			for (int o = random.nextInt(4); o > 0; o--) {
				at = at.plusSeconds(60L * random.nextInt(60 * 24 * 12));
				lines.add(order(customer.id(), at.isBefore(END) ? at : END, 10 + random.nextInt(50)));
			}
			if (customer.atTheEnd()) {
				lines.add(order(customer.id(), END, 1)); // the live hosts' clock reaches the end for them
			}
		}

		EveryHost.Outputs outputs = EveryHost.agree(JOURNEY, lines, dir, BROKER.kafka());
		List<String> actions = outputs.of("run", JsonLinesOutput.ACTIONS);
		Map<String, Customer> byId = new HashMap<>();
		customers.forEach(c -> byId.put(c.id(), c));
		java.util.function.Predicate<String> toTheEnd = line -> byId.get(EveryHost.field(line, "customer")).atTheEnd();
		assertEquals(actions.stream().filter(toTheEnd).toList(), outputs.of("serve", JsonLinesOutput.ACTIONS).stream().filter(toTheEnd)
				.toList(), "no broadcast to a customer active at the end that only the end of a replay sends");
		assertTrue(outputs.of("serve", JsonLinesOutput.ACTIONS).size() < actions.size(),
				"the end of a replay sends idle customers broadcasts (run, simulate and Flink alike) that the live hosts do not");
		Map<String, Integer> weekly = new HashMap<>();
		int deals = 0;
		for (String line : actions) {
			Customer customer = byId.get(EveryHost.field(line, "customer"));
			ZonedDateTime local = Instant.parse(EveryHost.field(line, "time")).atZone(ZoneId.of(customer.zone()));
			assertEquals(LocalTime.of(10, 0), local.toLocalTime(), line);
			if ("weekly".equals(EveryHost.field(line, "target"))) {
				assertEquals(DayOfWeek.MONDAY, local.getDayOfWeek(), line);
				weekly.merge(customer.id(), 1, Integer::sum);
			} else {
				deals++;
			}
		}
		assertTrue(deals > 0, "the log has recent buyers at 10:00");
		for (Customer customer : customers) {
			assertEquals(customer.reader() ? mondaysAtTen(customer) : 0, weekly.getOrDefault(customer.id(), 0), customer.toString());
		}
		assertEquals(2, customers.stream().filter(Customer::reader).map(Customer::zone).distinct().count());
	}

	/** Mondays 10:00 in the customer's zone after their signup, up to the end of the log: counted on the calendar. */
	private static int mondaysAtTen(Customer customer) {
		ZoneId zone = ZoneId.of(customer.zone());
		int count = 0;
		for (ZonedDateTime day = customer.signup().atZone(zone).toLocalDate().atStartOfDay(zone); !day.toInstant().isAfter(END);
				day = day.plusDays(1)) {
			Instant ten = day.toLocalDate().atTime(10, 0).atZone(zone).toInstant();
			if (day.getDayOfWeek() == DayOfWeek.MONDAY && ten.isAfter(customer.signup()) && !ten.isAfter(END)) {
				count++;
			}
		}
		return count;
	}

	private static String signup(Customer customer) {
		return "{\"customer\":\"" + customer.id() + "\",\"type\":\"signup\",\"time\":\"" + customer.signup() + "\",\"newsletter\":\""
				+ (customer.reader() ? "yes" : "no") + "\",\"timezone\":\"" + customer.zone() + "\"}";
	}

	private static String order(String customer, Instant at, int amount) {
		return "{\"customer\":\"" + customer + "\",\"type\":\"order\",\"time\":\"" + at + "\",\"amount\":" + amount + "}";
	}
}
