package io.itinera.report;

import io.itinera.runtime.simulate.LearningFigures;
import io.itinera.runtime.simulate.LearningFigures.Alternative;
import io.itinera.runtime.simulate.LearningFigures.AnswerFigures;
import io.itinera.runtime.simulate.LearningFigures.BestHourFigures;
import io.itinera.runtime.simulate.LearningFigures.HourSends;
import io.itinera.runtime.simulate.LearningFigures.LearningDecision;
import io.itinera.runtime.simulate.LearningFigures.MarketFigures;
import io.itinera.runtime.simulate.LearningFigures.MarketResponse;
import io.itinera.runtime.simulate.LearningFigures.SplitWeight;
import io.itinera.runtime.simulate.SimulationReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The report's sections on timing and learning (docs/optimise.md): messages by the customer's local hour,
 * sends at best hour, the simulated market's answers against its true rates, the learning decisions' regret,
 * and an auto-winner split's weights over time. Each appears only when it has something to show.
 */
final class LearningSection {
	/** The most rules drawn as their own series in the hours chart; the rest are summed as "other rules". */
	private static final int MOST_SERIES = 6;

	private LearningSection() {
	}

	static void append(StringBuilder html, SimulationReport r, String id) {
		LearningFigures figures = r.learning();
		if (figures == null) {
			return;
		}
		sendsByHour(html, figures, id);
		bestHour(html, figures.bestHour(), id);
		market(html, figures.market());
		decisions(html, figures.decisions(), id);
		weights(html, figures.splitWeights(), id);
	}

	private static List<String> hours() {
		List<String> hours = new ArrayList<>();
		for (int h = 0; h < 24; h++) {
			hours.add(String.format(Locale.ROOT, "%02d", h));
		}
		return hours;
	}

	private static void sendsByHour(StringBuilder html, LearningFigures figures, String id) {
		List<HourSends> rules = figures.sendsByHour();
		if (rules.isEmpty()) {
			return;
		}
		html.append("<section><h2>Messages by the customer's local hour</h2><p class=\"note\">Messages sent per rule (a "
				+ "held message when it went out), by the hour of the day in the customer's time zone: their "
				+ "<code>timezone</code> attribute, else ").append(Html.escape(figures.hostZone())).append(".</p>");
		List<String> series = new ArrayList<>();
		int drawn = Math.min(rules.size(), rules.size() > MOST_SERIES ? MOST_SERIES - 1 : MOST_SERIES);
		double[][] values = new double[drawn + (rules.size() > drawn ? 1 : 0)][24];
		for (int i = 0; i < rules.size(); i++) {
			int row = Math.min(i, drawn);
			if (i < drawn) {
				series.add(label(rules.get(i)));
			} else if (i == drawn) {
				series.add("other rules");
			}
			for (int h = 0; h < 24; h++) {
				values[row][h] += rules.get(i).byLocalHour()[h];
			}
		}
		html.append(SvgCharts.bars(id + "-sends-by-hour", "Messages by local hour", hours(), series, values, "messages"));
		html.append("<div class=\"scroll\"><table id=\"").append(id).append("-sends-by-hour-table\"><tr><th>rule</th><th>sent</th>");
		for (String hour : hours()) {
			html.append("<th>").append(hour).append("</th>");
		}
		html.append("</tr>");
		for (HourSends rule : rules) {
			html.append("<tr><td>").append(Html.escape(label(rule))).append("</td><td class=\"n\">").append(Html.number(rule.sent()))
					.append("</td>");
			for (long count : rule.byLocalHour()) {
				html.append("<td class=\"n\">").append(Html.number(count)).append("</td>");
			}
			html.append("</tr>");
		}
		html.append("</table></div></section>");
	}

	private static String label(HourSends rule) {
		return rule.campaign() == null ? rule.rule() : rule.campaign() + ": " + rule.rule();
	}

	private static void bestHour(StringBuilder html, List<BestHourFigures> sends, String id) {
		if (sends.isEmpty()) {
			return;
		}
		html.append("<section><h2>Sends at best hour</h2><p class=\"note\">Each send as the rule decided it: timed by the "
				+ "customer's own best hour (their engagement hours trusted), by the fallback time (not trusted yet), or "
				+ "sent at once (not trusted and no fallback); then held for its hour or by quiet hours, or sent at once "
				+ "(already in the hour, or the hour beyond the send's limit); released later, or dropped because the "
				+ "customer had left the campaign's stages (docs/send-time.md).</p>");
		html.append("<table id=\"").append(id).append("-best-hour-table\"><tr><th>send</th><th>fallback</th><th>decided</th>"
				+ "<th>by best hour</th><th>by fallback</th><th>at once, not trusted</th><th>held for best hour</th>"
				+ "<th>held by quiet hours</th><th>sent at once</th><th>released</th><th>dropped</th></tr>");
		List<String> series = new ArrayList<>();
		double[][] releases = new double[sends.size()][24];
		for (int s = 0; s < sends.size(); s++) {
			BestHourFigures send = sends.get(s);
			String name = send.campaign() + ": " + send.rule() + " (" + send.channel() + " \"" + send.template() + "\")";
			series.add(name);
			for (int h = 0; h < 24; h++) {
				releases[s][h] = send.releasesByLocalHour()[h];
			}
			html.append("<tr><td>").append(Html.escape(name)).append("</td><td>")
					.append(send.fallbackTime() == null ? "none" : send.fallbackTime());
			for (long count : new long[] { send.decided(), send.trusted(), send.fallback(), send.untrustedAtOnce(),
					send.heldForBestHour(), send.heldByQuietHours(), send.sentAtOnce(), send.released(), send.dropped() }) {
				html.append("</td><td class=\"n\">").append(Html.number(count));
			}
			html.append("</td></tr>");
		}
		html.append("</table>");
		html.append(SvgCharts.bars(id + "-best-hour-releases", "Held sends released, by local hour", hours(), series, releases,
				"messages"));
		html.append("</section>");
	}

	private static void market(StringBuilder html, MarketFigures market) {
		if (market == null) {
			return;
		}
		html.append("<section><h2>Simulated market (seed ").append(market.seed()).append(")</h2><p class=\"note\">Per entry "
				+ "of the market file: the messages it answered; per answer, how many were drawn and their rate per message, "
				+ "beside the true rate (the mean of the true probabilities of those messages, at the hour each went out); "
				+ "the revenue drawn and its true expectation. ")
				.append(Html.number(market.late())).append(" answers came too late for their customer, ")
				.append(Html.number(market.afterTheEnd())).append(" were due after the end of the replay.</p>");
		html.append("<table class=\"market\"><tr><th>entry</th><th>messages</th><th>opens</th><th>open rate</th><th>true</th>"
				+ "<th>clicks</th><th>click rate</th><th>true</th><th>purchases</th><th>purchase rate</th><th>true</th>"
				+ "<th>revenue</th><th>true revenue</th></tr>");
		for (MarketResponse entry : market.responses()) {
			html.append("<tr><td>").append(Html.escape(entry.match())).append("</td><td class=\"n\">")
					.append(Html.number(entry.messages())).append("</td>");
			for (AnswerFigures answer : new AnswerFigures[] { entry.open(), entry.click(), entry.purchase() }) {
				html.append("<td class=\"n\">").append(Html.number(answer.answered())).append("</td><td class=\"n\">")
						.append(Html.percent(answer.rate())).append("</td><td class=\"n\">").append(Html.percent(answer.trueRate()))
						.append("</td>");
			}
			html.append("<td class=\"n\">").append(Html.money(entry.revenue())).append("</td><td class=\"n\">")
					.append(Html.money(entry.trueRevenue())).append("</td></tr>");
		}
		html.append("</table></section>");
	}

	private static void decisions(StringBuilder html, List<LearningDecision> decisions, String id) {
		if (decisions.isEmpty()) {
			return;
		}
		html.append("<section><h2>Learning decisions and their regret</h2><p class=\"note\">Each decision that learns, "
				+ "against the best fixed choice the market's true parameters imply, in expected (not drawn) outcomes over "
				+ "the same decisions: regret = best fixed − chosen (negative: better than any one fixed choice). "
				+ "See docs/optimise.md for how each is computed.</p>");
		html.append("<table id=\"").append(id).append("-decisions-table\"><tr><th>decision</th><th>kind</th><th>decisions</th>"
				+ "<th>measure</th><th>chosen</th><th>best fixed choice</th><th>best fixed</th><th>regret</th>"
				+ "<th>regret per decision</th><th>other fixed choices</th></tr>");
		List<String> labels = new ArrayList<>();
		boolean othersForAll = decisions.stream().allMatch(decision -> !decision.others().isEmpty());
		double[][] values = new double[othersForAll ? 3 : 2][decisions.size()];
		for (int d = 0; d < decisions.size(); d++) {
			LearningDecision decision = decisions.get(d);
			labels.add(decision.name());
			// each decision has its own measure (opens, conversions, revenue): the chart compares shares of its best fixed choice
			values[0][d] = shareOfBestFixed(decision.chosen(), decision);
			values[1][d] = shareOfBestFixed(decision.bestFixed(), decision);
			if (othersForAll) {
				values[2][d] = shareOfBestFixed(decision.others().get(0).value(), decision);
			}
			StringBuilder others = new StringBuilder();
			for (Alternative other : decision.others()) {
				others.append(others.length() == 0 ? "" : "; ").append(other.choice()).append(": ").append(Html.number(other.value()));
			}
			html.append("<tr><td>").append(Html.escape(decision.name())).append("</td><td>").append(Html.escape(decision.kind()))
					.append("</td><td class=\"n\">").append(Html.number(decision.decisions())).append("</td><td>")
					.append(Html.escape(decision.measure())).append("</td><td class=\"n\">").append(Html.number(decision.chosen()))
					.append("</td><td>").append(Html.escape(decision.bestFixedChoice())).append("</td><td class=\"n\">")
					.append(Html.number(decision.bestFixed())).append("</td><td class=\"n\">")
					.append(String.format(Locale.ROOT, "%+,.2f", decision.regret())).append("</td><td class=\"n\">")
					.append(decision.decisions() == 0 ? "–"
							: String.format(Locale.ROOT, "%+.4f", decision.regret() / decision.decisions()))
					.append("</td><td>").append(Html.escape(others.toString())).append("</td></tr>");
		}
		html.append("</table>");
		html.append(SvgCharts.horizontalBars(id + "-decisions", "Chosen against the best fixed choice", labels,
				othersForAll ? List.of("chosen", "best fixed", "first other fixed choice") : List.of("chosen", "best fixed"), values,
				"% of the best fixed choice's expected outcome"));
		html.append("</section>");
	}

	private static double shareOfBestFixed(double value, LearningDecision decision) {
		return decision.bestFixed() == 0 ? 0 : 100 * value / decision.bestFixed();
	}

	private static void weights(StringBuilder html, List<SplitWeight> weights, String id) {
		if (weights.isEmpty()) {
			return;
		}
		Map<String, List<SplitWeight>> bySplit = new LinkedHashMap<>();
		for (SplitWeight weight : weights) {
			bySplit.computeIfAbsent(weight.split(), k -> new ArrayList<>()).add(weight);
		}
		html.append("<section><h2>Split weights over time</h2><p class=\"note\">The weight an auto-winner split gave each "
				+ "arm from each epoch on, from the conversions its arms had by then (split-weights.jsonl), and each arm's "
				+ "customers and conversions at the last epoch.</p>");
		int n = 0;
		for (Map.Entry<String, List<SplitWeight>> split : bySplit.entrySet()) {
			Set<String> epochs = new LinkedHashSet<>();
			Set<String> arms = new LinkedHashSet<>();
			for (SplitWeight weight : split.getValue()) {
				epochs.add(weight.epoch());
				arms.add(weight.arm());
			}
			List<String> epochList = new ArrayList<>(epochs);
			List<String> armList = new ArrayList<>(arms);
			double[][] values = new double[armList.size()][epochList.size()];
			Map<String, SplitWeight> last = new LinkedHashMap<>();
			for (SplitWeight weight : split.getValue()) {
				values[armList.indexOf(weight.arm())][epochList.indexOf(weight.epoch())] = weight.weight();
				last.put(weight.arm(), weight);
			}
			html.append("<h3>").append(Html.escape(split.getKey())).append("</h3>");
			html.append(SvgCharts.lines(id + "-split-weights-" + n, "Arm weights of " + split.getKey() + " by epoch", epochList,
					armList, values, "weight"));
			html.append("<table id=\"").append(id).append("-split-weights-table-").append(n)
					.append("\"><tr><th>arm</th><th>last epoch</th><th>exposures</th><th>conversions</th><th>rate</th>"
							+ "<th>weight</th></tr>");
			for (SplitWeight weight : last.values()) {
				html.append("<tr><td>").append(Html.escape(weight.arm())).append("</td><td>").append(Html.escape(weight.epoch()))
						.append("</td><td class=\"n\">").append(Html.number(weight.exposures())).append("</td><td class=\"n\">")
						.append(Html.number(weight.conversions())).append("</td><td class=\"n\">")
						.append(weight.exposures() == 0 ? "–" : Html.percent((double) weight.conversions() / weight.exposures()))
						.append("</td><td class=\"n\">").append(String.format(Locale.ROOT, "%.3f", weight.weight()))
						.append("</td></tr>");
			}
			html.append("</table>");
			n++;
		}
		html.append("</section>");
	}
}
