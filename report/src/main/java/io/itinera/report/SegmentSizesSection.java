package io.itinera.report;

import io.itinera.runtime.simulate.SimulationReport;
import io.itinera.runtime.simulate.SimulationReport.SegmentCount;
import io.itinera.runtime.simulate.SimulationReport.SegmentFlow;
import io.itinera.runtime.simulate.SimulationReport.SegmentMonth;
import java.util.ArrayList;
import java.util.List;

/** The report's "Segments by month" section: customers in each declared segment at each month's end, and their flows. */
final class SegmentSizesSection {
	private SegmentSizesSection() {
	}

	static void append(StringBuilder html, SimulationReport r, String id) {
		List<SegmentMonth> months = r.segmentsByMonth();
		if (months == null || months.isEmpty()) {
			return;
		}
		List<String> labels = new ArrayList<>();
		List<String> segments = months.get(0).segments().stream().map(SegmentCount::segment).toList();
		double[][] sizes = new double[segments.size()][months.size()];
		for (int m = 0; m < months.size(); m++) {
			labels.add(months.get(m).month());
			for (int s = 0; s < segments.size(); s++) {
				sizes[s][m] = months.get(m).segments().get(s).customers();
			}
		}
		html.append("<section><h2>Segments by month</h2><p class=\"note\">Customers in each segment the journey declares at "
				+ "the end of each month of event time (UTC; the last month at the end of the replay), as the step evaluates "
				+ "them, out of the customers seen by then; +joined since the month before, −left.</p>");
		html.append(SvgCharts.lines(id + "-segments", "Customers in each segment at the month's end", labels, segments, sizes,
				"customers"));
		html.append("<div class=\"scroll\"><table><tr><th>month</th><th>customers seen</th>");
		for (String segment : segments) {
			html.append("<th>").append(Html.escape(segment)).append("</th>");
		}
		html.append("</tr>");
		for (SegmentMonth month : months) {
			html.append("<tr><td>").append(Html.escape(month.month())).append("</td><td class=\"n\">")
					.append(Html.number(month.customers())).append("</td>");
			for (SegmentCount count : month.segments()) {
				html.append("<td class=\"n\">").append(Html.number(count.customers())).append(" <span class=\"note\">(+")
						.append(Html.number(count.joined())).append(" −").append(Html.number(count.left())).append(")</span></td>");
			}
			html.append("</tr>");
		}
		html.append("</table></div>");
		appendFlows(html, months);
		html.append("</section>");
	}

	/** Per month, the customers who moved from one segment to another (or came into or left all of them). */
	private static void appendFlows(StringBuilder html, List<SegmentMonth> months) {
		if (months.stream().allMatch(month -> month.flows().isEmpty())) {
			return;
		}
		html.append("<h3>Flows between segments</h3><p class=\"note\">Customers who, during the month, left one segment and "
				+ "joined another; \u201cno segment\u201d: joined without leaving any (new or newly matching), or left without "
				+ "joining any.</p><div class=\"scroll\"><table><tr><th>month</th><th>from</th><th>to</th><th>customers</th></tr>");
		for (SegmentMonth month : months) {
			for (SegmentFlow flow : month.flows()) {
				html.append("<tr><td>").append(Html.escape(month.month())).append("</td><td>").append(name(flow.from()))
						.append("</td><td>").append(name(flow.to())).append("</td><td class=\"n\">").append(Html.number(flow.customers()))
						.append("</td></tr>");
			}
		}
		html.append("</table></div>");
	}

	private static String name(String segment) {
		return segment == null ? "<span class=\"note\">no segment</span>" : Html.escape(segment);
	}
}
