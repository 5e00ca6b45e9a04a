package io.itinera.runtime.io;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Writes a realistic, seeded shop event log: customers of different habits (browsers, deal
 * hunters who save and abandon carts, loyal buyers, one-off buyers) open sessions through the
 * day; a session views products, may save one, may put some in the cart and may buy them. Events
 * come out in event-time order; the same settings give the same bytes. Columns:
 * {@code customer,time,type,productId,category,price,orderId,amount}.
 */
public final class SyntheticEventLog {
	public static final String CSV_HEADER = "customer,time,type,productId,category,price,orderId,amount";
	private static final String[] CATEGORIES = { "electronics", "fashion", "home", "beauty", "sports", "books", "toys",
			"grocery" };
	private static final double[] CATEGORY_PRICE = { 180, 45, 60, 25, 55, 15, 30, 8 };
	private static final int PRODUCTS_PER_CATEGORY = 500;
	private static final long SECOND = 1000;
	private static final long DAY = 86_400 * SECOND;

	private enum Habit {
		// views per session, chance to save, chance to cart, chance to buy a cart
		BROWSER(5, 0.05, 0.08, 0.15), DEAL_HUNTER(6, 0.30, 0.45, 0.20), LOYAL(3, 0.10, 0.60, 0.75),
		ONE_OFF(4, 0.05, 0.30, 0.45);

		final int views;
		final double save;
		final double cart;
		final double buy;

		Habit(int views, double save, double cart, double buy) {
			this.views = views;
			this.save = save;
			this.cart = cart;
			this.buy = buy;
		}
	}

	private record Pending(long at, long order, String line) implements Comparable<Pending> {
		@Override
		public int compareTo(Pending other) {
			return at != other.at ? Long.compare(at, other.at) : Long.compare(order, other.order);
		}
	}

	private final long events;
	private final int customers;
	private final long seed;
	private final long start;
	private final long span;
	private final boolean jsonLines;

	/** @param start epoch ms of the first session; {@code days} the time the log covers */
	public SyntheticEventLog(long events, int customers, long seed, long start, int days, boolean jsonLines) {
		if (events < 1 || customers < 1 || days < 1) {
			throw new IllegalArgumentException("events, customers and days must be at least 1");
		}
		this.events = events;
		this.customers = customers;
		this.seed = seed;
		this.start = start;
		this.span = days * DAY;
		this.jsonLines = jsonLines;
	}

	public void write(Writer out) throws IOException {
		SplittableRandom random = new SplittableRandom(seed);
		Habit[] habits = new Habit[customers];
		double[] cumulativeActivity = new double[customers];
		int[] favouriteCategory = new int[customers];
		double total = 0;
		for (int c = 0; c < customers; c++) {
			double pick = random.nextDouble();
			habits[c] = pick < 0.45 ? Habit.BROWSER : pick < 0.70 ? Habit.DEAL_HUNTER : pick < 0.85 ? Habit.LOYAL : Habit.ONE_OFF;
			// Pareto-like activity: a few customers are very active, most come rarely.
			total += Math.min(50, 1 / Math.pow(1 - random.nextDouble(), 0.7));
			cumulativeActivity[c] = total;
			favouriteCategory[c] = random.nextInt(CATEGORIES.length);
		}
		if (!jsonLines) {
			out.write(CSV_HEADER);
			out.write('\n');
		}
		double meanSession = 5.5;
		double sessionsExpected = events / meanSession;
		double meanGap = span / sessionsExpected;
		PriorityQueue<Pending> pending = new PriorityQueue<>();
		long order = 0;
		long written = 0;
		long orders = 0;
		double clock = start;
		while (written < events) {
			clock += -Math.log(1 - random.nextDouble()) * meanGap * diurnal(random, (long) clock);
			long sessionStart = (long) clock / SECOND * SECOND;
			while (!pending.isEmpty() && pending.peek().at() <= sessionStart && written < events) {
				out.write(pending.poll().line());
				written++;
			}
			int customer = pickCustomer(cumulativeActivity, random.nextDouble() * total);
			Habit habit = habits[customer];
			String id = customerId(customer);
			long at = sessionStart;
			int category = random.nextDouble() < 0.7 ? favouriteCategory[customer] : random.nextInt(CATEGORIES.length);
			int views = 1 + random.nextInt(habit.views * 2);
			long cartCents = 0;
			int carted = 0;
			for (int v = 0; v < views; v++) {
				int product = random.nextInt(PRODUCTS_PER_CATEGORY);
				long cents = priceCents(category, product);
				pending.add(new Pending(at, order++, line(id, at, "product_view", productId(category, product), CATEGORIES[category],
						cents, null, 0)));
				at += (5 + random.nextInt(120)) * SECOND;
				if (random.nextDouble() < habit.save / views * 2) {
					pending.add(new Pending(at, order++, line(id, at, "favourite", productId(category, product),
							CATEGORIES[category], -1, null, 0)));
					at += (2 + random.nextInt(20)) * SECOND;
				}
				if (random.nextDouble() < habit.cart / views * 1.5) {
					pending.add(new Pending(at, order++, line(id, at, "cart_add", productId(category, product),
							CATEGORIES[category], cents, null, 0)));
					cartCents += cents;
					carted++;
					at += (10 + random.nextInt(90)) * SECOND;
				}
			}
			if (carted > 0 && random.nextDouble() < habit.buy) {
				// Some pay at once, some come back hours later.
				at += random.nextDouble() < 0.7 ? (30 + random.nextInt(300)) * SECOND : (2 + random.nextInt(40)) * 3_600 * SECOND;
				pending.add(new Pending(at, order++, line(id, at, "purchase", null, null, -1, "o" + seed + "-" + (++orders),
						cartCents)));
			}
		}
		out.flush();
	}

	private String line(String customer, long at, String type, String product, String category, long priceCents,
			String orderId, long amountCents) {
		String time = Instant.ofEpochMilli(at).toString();
		StringBuilder line = new StringBuilder(96);
		if (jsonLines) {
			line.append("{\"customer\":\"").append(customer).append("\",\"time\":\"").append(time).append("\",\"type\":\"")
					.append(type).append('"');
			if (product != null) {
				line.append(",\"productId\":\"").append(product).append("\",\"category\":\"").append(category).append('"');
			}
			if (priceCents >= 0) {
				line.append(",\"price\":").append(money(priceCents));
			}
			if (orderId != null) {
				line.append(",\"orderId\":\"").append(orderId).append("\",\"amount\":").append(money(amountCents));
			}
			return line.append("}\n").toString();
		}
		line.append(customer).append(',').append(time).append(',').append(type).append(',');
		line.append(product == null ? "" : product).append(',').append(category == null ? "" : category).append(',');
		line.append(priceCents >= 0 ? money(priceCents) : "").append(',');
		line.append(orderId == null ? "" : orderId).append(',').append(orderId == null ? "" : money(amountCents));
		return line.append('\n').toString();
	}

	/** Fewer sessions at night: stretches the gap between sessions by the hour of day. */
	private static double diurnal(SplittableRandom random, long at) {
		int hour = (int) ((at / 3_600_000L) % 24);
		return hour < 7 ? 3.0 : hour < 18 ? 0.9 : 0.7;
	}

	private static int pickCustomer(double[] cumulative, double target) {
		int low = 0;
		int high = cumulative.length - 1;
		while (low < high) {
			int mid = (low + high) >>> 1;
			if (cumulative[mid] < target) {
				low = mid + 1;
			} else {
				high = mid;
			}
		}
		return low;
	}

	private static long priceCents(int category, int product) {
		// A fixed price per product: a hash spread around the category's typical price.
		double factor = 0.4 + ((product * 2654435761L) & 0xffff) / 65536.0 * 1.6;
		return Math.max(99, Math.round(CATEGORY_PRICE[category] * factor * 100));
	}

	private static String customerId(int customer) {
		return "c" + (100000 + customer);
	}

	private static String productId(int category, int product) {
		return "p" + (category * PRODUCTS_PER_CATEGORY + product);
	}

	private static String money(long cents) {
		long whole = cents / 100;
		long rest = cents % 100;
		return whole + "." + (rest < 10 ? "0" : "") + rest;
	}
}
