package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The journey graph of a simulated win-back (monthly timers, orders leading back up, exits) drawn by
 * headless Chromium: a script added to a copy of the report measures, with the browser's own fonts,
 * every edge label (its ground and its text) against every stage box, the start and exit, and the
 * other labels. Skipped, with a message, where Chromium is not installed.
 */
class GraphRenderingTest {
	static final String WINBACK = """
			journey Winback "Win back lapsed buyers" {
			  entry on order -> Active
			  exit on unsubscribe
			  goal order within 30 days
			  event order { amount: decimal }
			  event unsubscribe { }
			  feature spend = sum(order.amount) over 365 days
			  stage Active (loyalty) {
			    on order -> Active
			    after 30 days -> Quiet
			  }
			  stage Quiet (consideration) {
			    on order -> Active
			    after 30 days -> Lapsed
			  }
			  stage Lapsed (consideration) {
			    on order if spend > 100 -> WonBack
			    on order if spend <= 100 -> Active
			    after 60 days -> Lost
			  }
			  stage WonBack (purchase) { after 30 days -> Active }
			  stage Lost (awareness) { on order -> WonBack }
			  campaign Monthly in Quiet, Lapsed {
			    cap 1 per 30 days
			    every 30 days
			    rule "Valuable lapser" when spend > 100 then send email "vip_winback"
			    rule "Lapser" otherwise then send email "winback"
			  }
			}
			""";

	/** Measures the graph as drawn into {@code #graph-check}. */
	static final String MEASURE = """
			<script>(function(){var g=document.getElementById('journey-graph'),boxes=[],labels=[],onBox=0,onLabel=0;
			g.querySelectorAll('rect.node, ellipse').forEach(function(b){boxes.push(b.getBoundingClientRect());});
			g.querySelectorAll('g.edge-label').forEach(function(l){labels.push(l.getBoundingClientRect());});
			function hit(a,b){return a.left<b.right&&b.left<a.right&&a.top<b.bottom&&b.top<a.bottom;}
			labels.forEach(function(a,i){boxes.forEach(function(b){if(hit(a,b))onBox++;});
			for(var j=i+1;j<labels.length;j++){if(hit(a,labels[j]))onLabel++;}});
			var out=document.createElement('div');out.id='graph-check';out.setAttribute('data-labels',labels.length);
			out.setAttribute('data-boxes',boxes.length);out.setAttribute('data-on-box',onBox);out.setAttribute('data-on-label',onLabel);
			document.body.appendChild(out);})();</script>
			""";

	@TempDir
	static Path dir;

	static Path report;

	@BeforeAll
	static void simulate() throws IOException {
		Path journey = Files.writeString(dir.resolve("winback.journey"), WINBACK);
		StringBuilder log = new StringBuilder("customer,time,type,amount\n");
		LocalDate first = LocalDate.of(2026, 1, 1);
		for (int c = 0; c < 60; c++) {
			int orders = 1 + c % 4;
			for (int o = 0; o < orders; o++) {
				LocalDate day = first.plusDays(c + o * (25 + 11 * (c % 7)));
				log.append("c").append(c).append(',').append(day).append(",order,").append(20 + 15 * (c % 9)).append('\n');
			}
			if (c % 11 == 0) {
				log.append("c").append(c).append(',').append(first.plusDays(100 + c)).append(",unsubscribe,\n");
			}
		}
		log.append("end,").append(first.plusDays(300)).append(",unsubscribe,\n");
		Path events = Files.writeString(dir.resolve("orders.csv"), log);
		CommandLine command = ItineraCommand.commandLine();
		command.setOut(new PrintWriter(new StringWriter()));
		assertEquals(0, command.execute("simulate", journey.toString(), "--events", events.toString(), "--out",
				dir.resolve("report").toString(), "--no-progress"));
		report = dir.resolve("report").resolve("report.html");
	}

	@Test
	void noEdgeLabelCoversABoxOrAnotherLabelInChromium() throws Exception {
		HeadlessChromium.assumeInstalled("the graph's rendering");
		int[] check = measure(report);
		assertTrue(check[0] >= 12, "every edge has a label: " + check[0]);
		assertEquals(7, check[1], "five stages, start and exit");
		assertEquals(0, check[2], "labels covering a stage box, the start or the exit");
		assertEquals(0, check[3], "labels covering each other");
	}

	/** Labels, boxes, labels on boxes, labels on labels, as Chromium draws the graph of {@code html}. */
	static int[] measure(Path html) throws IOException, InterruptedException {
		String page = Files.readString(html);
		Path measured = dir.resolve("measured-" + html.getParent().getFileName() + ".html");
		Files.writeString(measured, page.replace("</body>", MEASURE + "</body>"));
		String dom = HeadlessChromium.run(dir, "--dump-dom", measured.toUri().toString());
		Matcher check = Pattern.compile("id=\"graph-check\" data-labels=\"(\\d+)\" data-boxes=\"(\\d+)\" data-on-box=\"(\\d+)\""
				+ " data-on-label=\"(\\d+)\"").matcher(dom);
		assertTrue(check.find(), "the measuring script ran: " + dom.substring(Math.max(0, dom.length() - 400)));
		return new int[] { Integer.parseInt(check.group(1)), Integer.parseInt(check.group(2)), Integer.parseInt(check.group(3)),
				Integer.parseInt(check.group(4)) };
	}

}
