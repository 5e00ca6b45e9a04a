package io.itinera.cli.train;

import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.step.Event;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * How many customers were in each segment at the end of each month (the last millisecond of the
 * month, UTC; the last row at the as-of moment), their features recomputed as of then with the
 * runtime's own feature code and the trained model's rule applied: a segment's size over time.
 */
record MonthlySizes(List<String> segments, List<String> months, List<Integer> customers, List<int[]> sizes) {

	static MonthlySizes of(JourneyPlan plan, String model, List<String> inputs, Map<String, List<Event>> byCustomer,
			long asOf, List<String> segments, List<Predicate<float[]>> members) {
		long first = byCustomer.values().stream().flatMap(List::stream).mapToLong(Event::at).min().orElse(asOf);
		List<String> months = new ArrayList<>();
		List<Integer> customers = new ArrayList<>();
		List<int[]> sizes = new ArrayList<>();
		YearMonth month = YearMonth.from(Instant.ofEpochMilli(first).atZone(ZoneOffset.UTC));
		while (true) {
			long end = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() - 1;
			boolean last = end >= asOf;
			long at = Math.min(end, asOf);
			CustomerTable table = CustomerTable.of(plan, model, inputs, byCustomer, at);
			int[] counts = new int[members.size()];
			for (float[] row : table.rows()) {
				for (int s = 0; s < counts.length; s++) {
					counts[s] += members.get(s).test(row) ? 1 : 0;
				}
			}
			months.add(last && at != end ? month + " (to " + Instant.ofEpochMilli(at) + ")" : month.toString());
			customers.add(table.size());
			sizes.add(counts);
			if (last) {
				break;
			}
			month = month.plusMonths(1);
		}
		return new MonthlySizes(List.copyOf(segments), months, customers, sizes);
	}

	String markdown() {
		StringBuilder text = new StringBuilder("| month | customers |");
		segments.forEach(segment -> text.append(' ').append(segment).append(" |"));
		text.append("\n| --- | --- |");
		segments.forEach(segment -> text.append(" --- |"));
		text.append('\n');
		for (int m = 0; m < months.size(); m++) {
			text.append(String.format(Locale.ROOT, "| %s | %d |", months.get(m), customers.get(m)));
			for (int size : sizes.get(m)) {
				text.append(' ').append(size).append(" |");
			}
			text.append('\n');
		}
		return text.toString();
	}
}
