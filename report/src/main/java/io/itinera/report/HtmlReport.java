package io.itinera.report;

import io.itinera.runtime.plan.ExprText;
import io.itinera.runtime.simulate.ComparisonReport.Difference;
import io.itinera.runtime.simulate.ComparisonReport;
import io.itinera.runtime.simulate.MeanDifference;
import io.itinera.runtime.simulate.ProportionDifference;
import io.itinera.runtime.simulate.SimulationReport.ArmFigures;
import io.itinera.runtime.simulate.SimulationReport.CampaignFigures;
import io.itinera.runtime.simulate.SimulationReport.DayFigures;
import io.itinera.runtime.simulate.SimulationReport.ChannelFigures;
import io.itinera.runtime.simulate.SimulationReport.HistogramBin;
import io.itinera.runtime.simulate.SimulationReport.WeekBin;
import io.itinera.runtime.simulate.SimulationReport.PhaseFigures;
import io.itinera.runtime.simulate.SimulationReport.RuleFigures;
import io.itinera.runtime.simulate.SimulationReport.SplitFigures;
import io.itinera.runtime.simulate.SimulationReport.StageFigures;
import io.itinera.runtime.simulate.SimulationReport.StageTiming;
import io.itinera.runtime.simulate.SimulationReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report as one self-contained HTML page: inline CSS, inline SVG charts, no scripts or fonts
 * from elsewhere. A few lines of inline script count the charts the browser actually drew, and the
 * legend entries that overlap other text, into {@code #render-check}, so a headless browser can
 * confirm the page renders.
 */
public final class HtmlReport {
	private HtmlReport() {
	}

	public static String render(SimulationReport report) {
		return page("Itinera simulation · " + report.journey(), body(report, "j0"), "");
	}

	/** A workspace's page: its journeys' reports, and their messages together by journey and channel, and per customer per week. */
	public static String render(SimulationReport.WorkspaceDelivery workspace) {
		StringBuilder html = new StringBuilder(16 * 1024);
		html.append("<header><h1>Workspace ").append(Html.escape(workspace.workspace())).append("</h1><p class=\"meta\">");
		for (int j = 0; j < workspace.journeys().size(); j++) {
			String journey = workspace.journeys().get(j);
			html.append(j == 0 ? "Journeys, by priority: " : " · ").append("<a href=\"").append(Html.escape(journey))
					.append("/report.html\">").append(Html.escape(journey)).append("</a>");
		}
		html.append("</p></header>");
		channels(html, workspace.channels(), workspace.messagesPerCustomerWeek(), "ws");
		return page("Itinera workspace simulation · " + workspace.workspace(), html.toString(), "");
	}

	public static String render(ComparisonReport comparison) {
		StringBuilder head = new StringBuilder();
		String base = comparison.labels().base();
		String other = comparison.labels().other();
		head.append("<section><h2>Differences (").append(Html.escape(other)).append(" − ").append(Html.escape(base))
				.append(")</h2>");
		head.append("<table><tr><th>figure</th><th>").append(Html.escape(base)).append("</th><th>")
				.append(Html.escape(other)).append("</th><th>change</th></tr>");
		for (Difference d : comparison.differences()) {
			head.append("<tr><td>").append(Html.escape(d.figure())).append("</td><td class=\"n\">")
					.append(Html.number(d.base())).append("</td><td class=\"n\">").append(Html.number(d.other()))
					.append("</td><td class=\"n\">").append(String.format(Locale.ROOT, "%+,.2f", d.change()))
					.append("</td></tr>");
		}
		head.append("</table></section>");
		String body = head + "<div class=\"side\"><div><p class=\"version\">" + Html.escape(base) + "</p>"
				+ body(comparison.base(), "base") + "</div><div><p class=\"version\">" + Html.escape(other) + "</p>"
				+ body(comparison.other(), "other") + "</div></div>";
		return page("Itinera comparison · " + base + " vs " + other, body, " wide");
	}

	private static String page(String title, String body, String bodyClass) {
		return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + Html.escape(title)
				+ "</title><style>" + CSS + "</style></head><body class=\"report" + bodyClass + "\">" + body
				+ "<div id=\"render-check\" hidden></div><script>" + RENDER_CHECK + "</script></body></html>\n";
	}

	private static String body(SimulationReport r, String id) {
		StringBuilder html = new StringBuilder(64 * 1024);
		html.append("<header><h1>").append(Html.escape(r.journey())).append("</h1>");
		if (r.title() != null) {
			html.append("<p class=\"subtitle\">").append(Html.escape(r.title())).append("</p>");
		}
		html.append("<p class=\"meta\">Replayed ").append(Html.escape(Html.dateTime(r.window().from()))).append(" → ")
				.append(Html.escape(Html.dateTime(r.window().to()))).append(" in event time · data ends ")
				.append(Html.escape(Html.dateTime(r.window().dataEnds()))).append(" (latest event of the log) · ")
				.append(Html.escape(EndOfData.pendingTimers(r))).append(" · ")
				.append(Html.number(r.input().events())).append(" events · ")
				.append(Html.number(r.input().customers())).append(" customers · ")
				.append(Html.number(r.input().timersFired())).append(" timers fired · ")
				.append(Html.number(r.input().scores())).append(" scores · ")
				.append(Html.number(r.input().deadLetters())).append(" dead letters · ")
				.append(Html.number(r.input().outsideWindow())).append(" outside the window</p></header>");
		kpis(html, r);
		html.append("<section><h2>Journey graph</h2><p class=\"note\">Boxes: customers who entered the stage, are in it "
				+ "at the end, and left it. Edges: customers who took the transition (width to scale) and their share of "
				+ "those who entered the stage it leaves; hover over an edge for its full condition; dashed: not "
				+ "declared (exits).</p><div class=\"scroll\">")
				.append(JourneyGraphSvg.render(r.stages(), r.transitions())).append("</div>");
		stageTable(html, r.stages());
		html.append("</section>");
		funnel(html, r, id);
		campaigns(html, r, id);
		histogram(html, r, id);
		channels(html, r.channels(), r.messagesPerCustomerWeek(), id);
		splits(html, r, id);
		daily(html, r, id);
		SegmentSizesSection.append(html, r, id);
		LearningSection.append(html, r, id);
		return html.toString();
	}

	private static void kpis(StringBuilder html, SimulationReport r) {
		long actions = 0;
		for (CampaignFigures c : r.campaigns()) {
			actions += c.fired();
		}
		html.append("<div class=\"kpis\">");
		kpi(html, "customers entered", Html.number(r.goal() != null ? r.goal().customers() : entered(r)));
		if (r.goal() != null) {
			kpi(html, "goal conversion (" + r.goal().event() + " within "
					+ ExprText.duration(r.goal().windowMillis()) + ")", Html.percent(r.goal().rate()));
			if (r.goal().valueField() != null) {
				kpi(html, "revenue (sum of " + r.goal().event() + "." + r.goal().valueField() + " at the goal)",
						Html.money(r.goal().revenue()));
			}
		}
		kpi(html, "actions fired", Html.number(actions));
		kpi(html, "events replayed", Html.number(r.input().events()));
		html.append("</div>");
	}

	private static long entered(SimulationReport r) {
		for (var t : r.transitions()) {
			if (t.from() == null) {
				return t.customers();
			}
		}
		return 0;
	}

	private static void kpi(StringBuilder html, String label, String value) {
		html.append("<div class=\"kpi\"><div class=\"kpi-value\">").append(value).append("</div><div class=\"kpi-label\">")
				.append(Html.escape(label)).append("</div></div>");
	}

	private static void stageTable(StringBuilder html, List<StageFigures> stages) {
		html.append("<table><tr><th>stage</th><th>phase</th><th>customers entered</th><th>entries</th>"
				+ "<th>left</th><th>in at the end</th></tr>");
		for (StageFigures s : stages) {
			html.append("<tr><td>").append(Html.escape(s.name())).append("</td><td>")
					.append(Html.escape(s.phase() == null ? "" : s.phase())).append("</td><td class=\"n\">")
					.append(Html.number(s.entered())).append("</td><td class=\"n\">").append(Html.number(s.entries()))
					.append("</td><td class=\"n\">").append(Html.number(s.exited())).append("</td><td class=\"n\">")
					.append(Html.number(s.current())).append("</td></tr>");
		}
		html.append("</table>");
	}

	private static void funnel(StringBuilder html, SimulationReport r, String id) {
		List<String> labels = new ArrayList<>();
		long[] values = new long[r.funnel().size()];
		double[] shares = new double[r.funnel().size()];
		for (int i = 0; i < r.funnel().size(); i++) {
			PhaseFigures p = r.funnel().get(i);
			labels.add(p.phase());
			values[i] = p.customers();
			shares[i] = p.share();
		}
		html.append("<section><h2>Funnel by lifecycle phase</h2><p class=\"note\">Customers who reached a stage of "
				+ "each phase, as a share of those who entered the journey.</p>");
		html.append(SvgCharts.funnel(id + "-funnel", "Customers reaching each phase", labels, values, shares));
		if (r.goal() != null) {
			html.append("<p class=\"goal\">Goal <b>").append(Html.escape(r.goal().event())).append("</b> within ")
					.append(ExprText.duration(r.goal().windowMillis())).append(" of entry: ")
					.append(Html.number(r.goal().converted())).append(" of ").append(Html.number(r.goal().visits()))
					.append(" visits converted (").append(Html.percent(r.goal().rate())).append("); ")
					.append(Html.number(r.goal().customersConverted())).append(" of ")
					.append(Html.number(r.goal().customers())).append(" customers.");
			if (r.goal().valueField() != null) {
				html.append(" Revenue (").append(Html.escape(r.goal().event() + "." + r.goal().valueField()))
						.append(" of the goal events): <b>").append(Html.money(r.goal().revenue())).append("</b>.");
			}
			html.append("</p>");
			timeToGoal(html, r, id);
		}
		html.append("</section>");
	}

	private static void timeToGoal(StringBuilder html, SimulationReport r, String id) {
		List<StageTiming> timings = r.goal().timeToGoal();
		if (timings.isEmpty()) {
			return;
		}
		html.append("<h3>Time to conversion</h3><p class=\"note\">For the visits that converted: time from entering "
				+ "each stage (the first time in the visit) to the goal; the box spans the middle half, the red line is "
				+ "the median.</p><table><tr><th>stage</th><th>conversions through it</th><th>lower quartile</th>"
				+ "<th>median</th><th>upper quartile</th></tr>");
		List<String> labels = new ArrayList<>();
		double[] lower = new double[timings.size()];
		double[] median = new double[timings.size()];
		double[] upper = new double[timings.size()];
		long[] counts = new long[timings.size()];
		for (int i = 0; i < timings.size(); i++) {
			StageTiming t = timings.get(i);
			labels.add(t.stage());
			lower[i] = t.lowerQuartileMillis();
			median[i] = t.medianMillis();
			upper[i] = t.upperQuartileMillis();
			counts[i] = t.conversions();
			html.append("<tr><td>").append(Html.escape(t.stage())).append("</td><td class=\"n\">")
					.append(Html.number(t.conversions())).append("</td><td class=\"n\">")
					.append(Html.duration(lower[i])).append("</td><td class=\"n\">").append(Html.duration(median[i]))
					.append("</td><td class=\"n\">").append(Html.duration(upper[i])).append("</td></tr>");
		}
		html.append("</table>");
		html.append(SvgCharts.timeQuartiles(id + "-time-to-goal", "Time from entering a stage to the goal", labels, lower,
				median, upper, counts));
	}

	private static void campaigns(StringBuilder html, SimulationReport r, String id) {
		html.append("<section><h2>Campaigns and rules</h2>");
		List<String> labels = new ArrayList<>();
		List<double[]> rows = new ArrayList<>();
		html.append("<table id=\"").append(id).append("-rules-table\"><tr><th>campaign</th><th>rule</th><th>fired</th>"
				+ "<th>suppressed by caps</th><th>held by quiet hours</th><th>dropped after a hold</th><th>sent with items</th>"
				+ "<th>item hit rate</th><th>attributes read</th><th>fired on a missing attribute</th></tr>");
		for (CampaignFigures c : r.campaigns()) {
			for (RuleFigures rule : c.rules()) {
				labels.add(c.name() + ": " + rule.title());
				rows.add(new double[] { rule.fired(), rule.capped(), rule.quietHeld() });
				html.append("<tr><td>").append(Html.escape(c.name())).append("</td><td>")
						.append(Html.escape(rule.title())).append("</td><td class=\"n\">")
						.append(Html.number(rule.fired())).append("</td><td class=\"n\">")
						.append(Html.number(rule.capped())).append("</td><td class=\"n\">")
						.append(Html.number(rule.quietHeld())).append("</td><td class=\"n\">")
						.append(Html.number(rule.droppedAfterHold())).append("</td><td class=\"n\">")
						.append(rule.sentWithItems() == 0 ? "" : Html.number(rule.sentWithItems())).append("</td><td class=\"n\">")
						.append(rule.sentWithItems() == 0 ? "" : String.format(java.util.Locale.ROOT, "%.1f%%", 100 * rule.itemHitRate()))
						.append("</td><td>").append(Html.escape(String.join(", ", rule.attributesRead())))
						.append("</td><td class=\"n\">")
						.append(rule.attributesRead().isEmpty() ? "" : Html.number(rule.firedOnMissingAttribute()))
						.append("</td></tr>");
			}
		}
		html.append("</table>");
		if (!labels.isEmpty()) {
			double[][] values = new double[3][labels.size()];
			for (int i = 0; i < labels.size(); i++) {
				for (int s = 0; s < 3; s++) {
					values[s][i] = rows.get(i)[s];
				}
			}
			html.append(SvgCharts.horizontalBars(id + "-rules", "Actions per rule", labels,
					List.of("fired", "suppressed by caps", "held by quiet hours"), values, "actions"));
		}
		ruleResults(html, r, id);
		html.append("</section>");
	}

	private static void ruleResults(StringBuilder html, SimulationReport r, String id) {
		if (r.goal() == null) {
			return;
		}
		boolean revenue = r.goal().valueField() != null;
		String window = ExprText.duration(r.goal().afterSendWindowMillis());
		html.append("<h3>Results per rule</h3><p class=\"note\">Customers who got at least one action of the rule; "
				+ "those of them who reached the visit's goal (").append(Html.escape(r.goal().event()))
				.append(", once per visit, within ").append(ExprText.duration(r.goal().windowMillis()))
				.append(" of entry) at a later step, and ").append(revenue ? "the revenue of those goals" : "their rate")
				.append("; and, measured from the message, those who had a goal event (").append(Html.escape(r.goal().event()))
				.append(") within ").append(window).append(" after one of the rule's actions (later than it, whether or "
						+ "not their visit had converted already; each customer counted once). A replay cannot show what "
						+ "the rule caused: compare arms of a split for that.</p>");
		html.append("<table id=\"").append(id).append("-rule-results\"><tr><th>campaign</th><th>rule</th>"
				+ "<th>customers reached</th><th>visit goal after</th><th>rate</th>")
				.append(revenue ? "<th>revenue after</th>" : "").append("<th>converted within ").append(window)
				.append(" after send</th><th>rate</th></tr>");
		for (CampaignFigures c : r.campaigns()) {
			for (RuleFigures rule : c.rules()) {
				html.append("<tr><td>").append(Html.escape(c.name())).append("</td><td>").append(Html.escape(rule.title()))
						.append("</td><td class=\"n\">").append(Html.number(rule.reached())).append("</td><td class=\"n\">")
						.append(Html.number(rule.converted())).append("</td><td class=\"n\">")
						.append(Html.percent(rule.rate())).append("</td>");
				if (revenue) {
					html.append("<td class=\"n\">").append(Html.money(rule.revenue())).append("</td>");
				}
				html.append("<td class=\"n\">").append(Html.number(rule.convertedAfterSend())).append("</td><td class=\"n\">")
						.append(Html.percent(rule.rateAfterSend())).append("</td></tr>");
			}
		}
		html.append("</table>");
	}

	private static void histogram(StringBuilder html, SimulationReport r, String id) {
		List<String> labels = new ArrayList<>();
		double[][] values = new double[1][r.messagesPerCustomerDay().size()];
		for (int i = 0; i < r.messagesPerCustomerDay().size(); i++) {
			HistogramBin bin = r.messagesPerCustomerDay().get(i);
			labels.add(bin.messages() + (bin.orMore() ? "+" : ""));
			values[0][i] = bin.customerDays();
		}
		html.append("<section><h2>Messages per customer per day</h2><p class=\"note\">How many customer-days saw 1, 2, "
				+ "3… messages: a long tail means over-messaging.</p>");
		html.append(SvgCharts.bars(id + "-messages", "Customer-days by messages received", labels,
				List.of("customer-days"), values, "customer-days"));
		html.append("</section>");
	}

	/** Per journey and channel: sent, held, and not sent by reason; then messages per customer per week. */
	private static void channels(StringBuilder html, List<ChannelFigures> channels, List<WeekBin> weekly, String id) {
		List<String> reasons = new ArrayList<>();
		for (ChannelFigures c : channels) {
			c.notSentByReason().keySet().stream().filter(reason -> !reasons.contains(reason)).sorted().forEach(reasons::add);
		}
		html.append("<section><h2>Messages by channel</h2><p class=\"note\">Sent (a message held by quiet hours counts "
				+ "when it goes out), held by quiet hours, and not sent, by reason: a frequency cap; the holdout arm of a "
				+ "split (what the withheld campaign would have sent); the customer left the stage before a held message's "
				+ "release. <code>itinera explain CUSTOMER --out DIR</code> shows one customer's messages and why.</p>");
		html.append("<table id=\"").append(id).append("-channels\"><tr><th>journey</th><th>channel</th><th>sent</th>"
				+ "<th>held by quiet hours</th><th>not sent</th>");
		for (String reason : reasons) {
			html.append("<th>").append(Html.escape(reason)).append("</th>");
		}
		html.append("</tr>");
		for (ChannelFigures c : channels) {
			html.append("<tr><td>").append(Html.escape(c.journey())).append("</td><td>").append(Html.escape(c.channel()))
					.append("</td><td class=\"n\">").append(Html.number(c.sent())).append("</td><td class=\"n\">")
					.append(Html.number(c.heldByQuietHours())).append("</td><td class=\"n\">").append(Html.number(c.notSent()))
					.append("</td>");
			for (String reason : reasons) {
				html.append("<td class=\"n\">").append(Html.number(c.notSentByReason().getOrDefault(reason, 0L))).append("</td>");
			}
			html.append("</tr>");
		}
		html.append("</table>");
		List<String> labels = new ArrayList<>();
		double[][] values = new double[1][weekly.size()];
		for (int i = 0; i < weekly.size(); i++) {
			WeekBin bin = weekly.get(i);
			labels.add(bin.messages() + (bin.orMore() ? "+" : ""));
			values[0][i] = bin.customerWeeks();
		}
		html.append("<h3>Messages per customer per week</h3><p class=\"note\">How many customer-weeks (UTC, from Monday) "
				+ "saw 1, 2, 3… messages sent.</p>");
		html.append(SvgCharts.bars(id + "-weekly", "Customer-weeks by messages received", labels, List.of("customer-weeks"),
				values, "customer-weeks"));
		html.append("</section>");
	}

	private static void splits(StringBuilder html, SimulationReport r, String id) {
		if (r.splits().isEmpty()) {
			return;
		}
		html.append("<section><h2>Split tests</h2><p class=\"note\">Goal conversion of the customers assigned to each "
				+ "arm when they reached the split's stage; lift over the holdout as a difference of proportions with a "
				+ "95% confidence interval (Newcombe's hybrid score method, from Wilson intervals). On a replayed log the "
				+ "customers' behaviour is what it was: messages the replay decides cannot change it, so unless the log "
				+ "records a real test this is an A/A check of the split, and about 1 interval in 20 excludes zero by "
				+ "chance.</p>");
		boolean revenue = r.goal() != null && r.goal().valueField() != null;
		if (revenue) {
			html.append("<p class=\"note\">Revenue: the goal values of each arm's customers after assignment; its lift is "
					+ "the difference in revenue per customer from the holdout, with a 95% normal (Welch) interval "
					+ "(difference ± 1.96 standard errors; rough with few customers, as revenue is skewed).</p>");
		}
		String window = r.goal() == null ? null : ExprText.duration(r.goal().afterSendWindowMillis());
		if (window != null) {
			html.append("<p class=\"note\">Measured from the message: customers of each arm who got a message of the "
					+ "split's campaigns after assignment (in the holdout: the message withheld from them), and those of them "
					+ "with a goal event (").append(Html.escape(r.goal().event())).append(") within ").append(window)
					.append(" after one.</p>");
		}
		int n = 0;
		for (SplitFigures split : r.splits()) {
			html.append("<h3>").append(Html.escape(split.name())).append(" in ").append(Html.escape(split.stage()))
					.append("</h3><table id=\"").append(id).append("-split-table-").append(n)
					.append("\"><tr><th>arm</th><th>share</th><th>customers</th><th>converted</th><th>rate</th>"
							+ "<th>lift (pp)</th><th>95% CI</th><th>relative lift</th>")
					.append(revenue ? "<th>revenue</th><th>per customer</th><th>lift per customer</th><th>95% CI</th>" : "")
					.append(window == null ? "" : "<th>messaged</th><th>converted within " + window + " after send</th><th>rate</th>")
					.append("</tr>");
			List<String> labels = new ArrayList<>();
			List<double[]> intervals = new ArrayList<>();
			List<double[]> revenueIntervals = new ArrayList<>();
			for (ArmFigures arm : split.arms()) {
				MeanDifference revenueLift = arm.revenueLiftOverHoldout();
				ProportionDifference lift = arm.liftOverHoldout();
				html.append("<tr><td>").append(Html.escape(arm.arm())).append("</td><td class=\"n\">")
						.append(arm.percent()).append("%</td><td class=\"n\">").append(Html.number(arm.customers()))
						.append("</td><td class=\"n\">").append(Html.number(arm.converted())).append("</td><td class=\"n\">")
						.append(Html.percent(arm.rate())).append("</td><td class=\"n\">")
						.append(lift == null ? "" : Html.points(lift.difference())).append("</td><td class=\"n\">")
						.append(lift == null ? "" : "[" + Html.points(lift.low()) + ", " + Html.points(lift.high()) + "]")
						.append("</td><td class=\"n\">")
						.append(lift == null || Double.isNaN(lift.relative()) ? "" : Html.percent(lift.relative()))
						.append("</td>");
				if (revenue) {
					html.append("<td class=\"n\">").append(Html.money(arm.revenue())).append("</td><td class=\"n\">")
							.append(Html.money(arm.revenuePerCustomer())).append("</td><td class=\"n\">")
							.append(revenueLift == null ? "" : Html.signedMoney(revenueLift.difference()))
							.append("</td><td class=\"n\">")
							.append(revenueLift == null ? ""
									: "[" + Html.signedMoney(revenueLift.low()) + ", " + Html.signedMoney(revenueLift.high()) + "]")
							.append("</td>");
				}
				if (window != null) {
					html.append("<td class=\"n\">").append(Html.number(arm.messaged())).append("</td><td class=\"n\">")
							.append(Html.number(arm.convertedAfterSend())).append("</td><td class=\"n\">")
							.append(Html.percent(arm.rateAfterSend())).append("</td>");
				}
				html.append("</tr>");
				if (lift != null) {
					labels.add(arm.arm());
					intervals.add(new double[] { lift.difference(), lift.low(), lift.high() });
					if (revenueLift != null) {
						revenueIntervals.add(new double[] { revenueLift.difference(), revenueLift.low(), revenueLift.high() });
					}
				}
			}
			html.append("</table>");
			if (!labels.isEmpty()) {
				html.append(intervalChart(id + "-split-" + n, "Lift over holdout, 95% CI", labels, intervals, true));
			}
			if (revenue && !revenueIntervals.isEmpty()) {
				html.append(intervalChart(id + "-split-revenue-" + n, "Revenue per customer over holdout, 95% CI", labels,
						revenueIntervals, false));
			}
			n++;
		}
		html.append("</section>");
	}

	private static String intervalChart(String chartId, String title, List<String> labels, List<double[]> intervals,
			boolean percentagePoints) {
		double[] est = new double[labels.size()];
		double[] lo = new double[labels.size()];
		double[] hi = new double[labels.size()];
		for (int i = 0; i < labels.size(); i++) {
			est[i] = intervals.get(i)[0];
			lo[i] = intervals.get(i)[1];
			hi[i] = intervals.get(i)[2];
		}
		return SvgCharts.intervals(chartId, title, labels, est, lo, hi, percentagePoints);
	}

	private static void daily(StringBuilder html, SimulationReport r, String id) {
		List<String> days = new ArrayList<>();
		double[][] series = new double[2][r.daily().size()];
		List<String> stageNames = new ArrayList<>();
		for (StageFigures s : r.stages()) {
			stageNames.add(s.name());
		}
		double[][] byStage = new double[stageNames.size()][r.daily().size()];
		for (int i = 0; i < r.daily().size(); i++) {
			DayFigures d = r.daily().get(i);
			days.add(d.day());
			series[0][i] = d.actions();
			series[1][i] = d.stageEntries();
			for (int s = 0; s < stageNames.size(); s++) {
				byStage[s][i] = d.entriesByStage().getOrDefault(stageNames.get(s), 0L);
			}
		}
		html.append("<section><h2>Day by day</h2>");
		html.append(SvgCharts.lines(id + "-daily", "Actions and stage entries per day (UTC)", days,
				List.of("actions", "stage entries"), series, "per day"));
		html.append(SvgCharts.lines(id + "-daily-stages", "Stage entries per day, by stage", days, stageNames, byStage,
				"entries"));
		html.append("</section>");
	}

	private static final String CSS = """
			body{font-family:-apple-system,'Segoe UI',Roboto,'DejaVu Sans',Arial,sans-serif;margin:24px auto;max-width:1180px;color:#222;background:#fafafa}
			body.wide{max-width:none;margin:24px}
			h1{margin:0 0 4px}h2{margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
			.subtitle{margin:0;color:#555;font-size:18px}.meta,.note{color:#666;font-size:13px}
			section{background:#fff;border:1px solid #e4e4e4;border-radius:8px;padding:8px 18px 16px;margin:16px 0}
			table{border-collapse:collapse;margin:10px 0;font-size:13px}td,th{border-bottom:1px solid #eee;padding:4px 10px;text-align:left}
			td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
			.kpis{display:flex;gap:14px;flex-wrap:wrap}.kpi{background:#fff;border:1px solid #e4e4e4;border-radius:8px;padding:10px 18px;min-width:150px}
			.kpi-value{font-size:26px;font-weight:bold;color:#3b6fb6}.kpi-label{font-size:12px;color:#666}
			.scroll{overflow-x:auto}.side{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:16px}
			.side>div{min-width:0}.side section{overflow-x:auto}.side svg.chart{max-width:100%;height:auto}
			.version{margin:0;font-weight:bold;color:#3b6fb6}
			svg text{font-family:inherit;font-size:11px;fill:#333}svg .chart-title{font-size:13px;font-weight:bold}
			svg .value{font-size:10px;fill:#444}svg .label{font-size:12px}
			""";

	private static final String RENDER_CHECK = """
			(function(){var charts=document.querySelectorAll('svg.chart'),drawn=0,marks=0;
			charts.forEach(function(c){var box=c.getBoundingClientRect(),sized=0;
			c.querySelectorAll('.mark').forEach(function(m){var b=m.getBBox();if(b.width>0||b.height>0)sized++;});
			if(box.width>0&&box.height>0&&sized>0)drawn++;marks+=sized;});
			var overlaps=0;charts.forEach(function(c){var legend=c.querySelectorAll('.legend,.legend-label'),
			others=c.querySelectorAll('text:not(.legend-label)');legend.forEach(function(l){var a=l.getBoundingClientRect();
			others.forEach(function(o){var b=o.getBoundingClientRect();if(a.left<b.right&&b.left<a.right&&a.top<b.bottom&&b.top<a.bottom)overlaps++;});});});
			var out=document.getElementById('render-check');out.setAttribute('data-charts',charts.length);
			out.setAttribute('data-drawn',drawn);out.setAttribute('data-marks',marks);out.setAttribute('data-legend-overlaps',overlaps);})();
			""";
}
