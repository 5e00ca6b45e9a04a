package io.itinera.serve;

import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.report.LiveJourneyGraph;
import io.itinera.runtime.state.RunProgress;
import io.itinera.serve.metrics.ServeMetrics;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The server's status page at {@code /}: plain HTML drawn on the server, no script. Journeys and
 * versions, customers per stage on the journey graph, events in, actions and deliveries by status
 * over the last hour, dead letters, open circuits, the last reload.
 */
final class StatusPage {
	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
			.withZone(ZoneOffset.UTC);

	/** What the page shows, read when it is asked for. */
	record Figures(LiveJourney.Running running, RunProgress progress, ServeMetrics metrics, Map<String, Object> health,
			Map<String, Object> lastReload, Path deadLetters, Path deliveryDeadLetters) {
	}

	private StatusPage() {
	}

	static String render(Figures figures) {
		StringBuilder html = new StringBuilder(16_384);
		LiveJourney.Running running = figures.running();
		html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>itinera serve: ")
				.append(escape(running.name())).append("</title><link rel=\"icon\" href=\"data:,\">")
				.append("<meta http-equiv=\"refresh\" content=\"30\"><style>")
				.append("body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;max-width:1200px}")
				.append("h1{font-size:22px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #ddd}")
				.append("table{border-collapse:collapse;margin:6px 0}td,th{padding:3px 10px;border-bottom:1px solid #eee;text-align:left}")
				.append("td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}.bad{color:#b00020;font-weight:bold}")
				.append(".ok{color:#1b5e20}.graph{overflow-x:auto}pre{background:#f6f6f6;padding:8px;white-space:pre-wrap}")
				.append("</style></head><body>");
		html.append("<h1>itinera serve: ").append(escape(running.name())).append("</h1>");
		Object status = figures.health().get("status");
		html.append("<p id=\"status\">Status <span class=\"").append("up".equals(status) ? "ok" : "bad").append("\">")
				.append(escape(String.valueOf(status))).append("</span> · page drawn ").append(TIME.format(Instant.now()))
				.append(" (it reloads itself every 30 s)</p>");

		html.append("<h2>Journeys and versions</h2><table id=\"journeys\"><tr><th>journey</th><th>title</th><th>version</th></tr>");
		for (JourneyPlan plan : running.plans()) {
			html.append("<tr><td>").append(escape(plan.name())).append("</td><td>").append(escape(plan.title() == null ? "" : plan.title()))
					.append("</td><td><code>").append(escape(running.version())).append("</code></td></tr>");
		}
		html.append("</table><p>").append(escape(running.describe())).append("</p>");

		html.append("<h2>Customers per stage</h2>");
		Map<String, Long> stageCounts = figures.progress() == null ? Map.of() : figures.progress().stageCounts();
		html.append("<p>").append(figures.progress() == null ? "No checkpoint yet."
				: String.format(Locale.ROOT, "%,d customers; as of the last checkpoint.", figures.progress().customers()))
				.append("</p>");
		boolean workspace = running.plans().size() > 1;
		for (JourneyPlan plan : running.plans()) {
			Map<String, Long> ofPlan = new TreeMap<>();
			stageCounts.forEach((key, count) -> {
				String prefix = plan.name() + "/";
				if (workspace && key.startsWith(prefix)) {
					ofPlan.put(key.substring(prefix.length()), count);
				} else if (!workspace) {
					ofPlan.put(key, count);
				}
			});
			if (workspace) {
				html.append("<h3>").append(escape(plan.name())).append("</h3>");
			}
			html.append("<div class=\"graph\">").append(LiveJourneyGraph.svg(plan, ofPlan)).append("</div>");
		}

		html.append("<h2>Last hour</h2>");
		Map<String, Long> hour = figures.metrics().lastHour();
		html.append("<table id=\"events\"><tr><th>events</th><th class=\"n\">count</th></tr>");
		row(html, "received, accepted", hour.getOrDefault("events accepted", 0L));
		row(html, "received, rejected", hour.getOrDefault("events rejected", 0L));
		html.append("</table>");
		table(html, "actions", "actions by channel and outcome", hour, "actions\t");
		table(html, "deliveries", "deliveries by channel and status", hour, "deliveries\t");

		html.append("<h2>Failing</h2><table id=\"failing\">");
		row(html, "dead letters (events the journey could not take) in out/dead-letters.jsonl", lines(figures.deadLetters()));
		row(html, "delivery dead letters (actions given up on) in delivery-dead-letters.jsonl", lines(figures.deliveryDeadLetters()));
		row(html, "circuits open now", figures.metrics().openCircuitsNow());
		row(html, "deliveries pending", figures.metrics().pendingDeliveriesNow());
		html.append("</table>");

		html.append("<h2>Disk and input</h2><table id=\"health\">");
		for (Map.Entry<String, Object> entry : figures.health().entrySet()) {
			if (entry.getValue() instanceof Number number) {
				row(html, entry.getKey(), number.longValue());
			}
		}
		html.append("</table>");

		html.append("<h2>Last reload</h2>");
		Map<String, Object> reload = figures.lastReload();
		if (reload == null) {
			html.append("<p id=\"reload\">None since the server started.</p>");
		} else {
			html.append("<table id=\"reload\">");
			for (Map.Entry<String, Object> entry : new LinkedHashMap<>(reload).entrySet()) {
				html.append("<tr><th>").append(escape(entry.getKey())).append("</th><td><pre>").append(escape(String.valueOf(entry.getValue())))
						.append("</pre></td></tr>");
			}
			html.append("</table>");
		}
		return html.append("</body></html>").toString();
	}

	private static void table(StringBuilder html, String id, String title, Map<String, Long> hour, String prefix) {
		html.append("<table id=\"").append(id).append("\"><tr><th>").append(escape(title))
				.append("</th><th></th><th class=\"n\">count</th></tr>");
		boolean any = false;
		for (Map.Entry<String, Long> entry : hour.entrySet()) {
			if (entry.getKey().startsWith(prefix)) {
				List<String> parts = List.of(entry.getKey().split("\t"));
				html.append("<tr><td>").append(escape(parts.get(1))).append("</td><td>").append(escape(parts.get(2)))
						.append("</td><td class=\"n\">").append(String.format(Locale.ROOT, "%,d", entry.getValue())).append("</td></tr>");
				any = true;
			}
		}
		if (!any) {
			html.append("<tr><td colspan=\"3\">none</td></tr>");
		}
		html.append("</table>");
	}

	private static void row(StringBuilder html, String what, long count) {
		html.append("<tr><td>").append(escape(what)).append("</td><td class=\"n\">").append(String.format(Locale.ROOT, "%,d", count))
				.append("</td></tr>");
	}

	private static long lines(Path file) {
		if (!Files.exists(file)) {
			return 0;
		}
		long lines = 0;
		try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			while (in.readLine() != null) {
				lines++;
			}
		} catch (IOException e) {
			return -1;
		}
		return lines;
	}

	static String escape(String text) {
		StringBuilder out = new StringBuilder(text.length());
		for (char c : text.toCharArray()) {
			switch (c) {
				case '<' -> out.append("&lt;");
				case '>' -> out.append("&gt;");
				case '&' -> out.append("&amp;");
				case '"' -> out.append("&quot;");
				case '\'' -> out.append("&#39;");
				default -> out.append(c);
			}
		}
		return out.toString();
	}
}
