package io.itinera.report;

import java.util.List;
import java.util.Locale;

/**
 * Charts as inline SVG, drawn here so a report opens anywhere without a network: bars with axes,
 * ticks and labels; lines for time series; intervals for lifts. Each chart is an {@code svg.chart}
 * whose marks carry the class {@code mark}.
 */
final class SvgCharts {
	static final String[] PALETTE = { "#3b6fb6", "#e07b39", "#4a9d5b", "#c9463d", "#8a63b8", "#7f7f7f", "#c8a427",
			"#2aa3b3" };
	private static final int WIDTH = 760;
	private static final int LEFT = 64;
	private static final int RIGHT = 16;
	private static final int TOP = 28;
	private static final int BOTTOM = 64;

	private SvgCharts() {
	}

	/** Vertical bars, one series per colour, grouped per category. */
	static String bars(String id, String title, List<String> categories, List<String> series, double[][] values,
			String yTitle) {
		Legend legend = Legend.of(series);
		int height = 300 + legend.height();
		double max = 0;
		for (double[] row : values) {
			for (double v : row) {
				max = Math.max(max, v);
			}
		}
		Axis axis = Axis.of(max);
		StringBuilder svg = open(id, title, height);
		int plotWidth = WIDTH - LEFT - RIGHT;
		int plotHeight = height - TOP - BOTTOM - legend.height();
		yAxis(svg, axis, plotWidth, plotHeight, yTitle);
		int n = Math.max(1, categories.size());
		double slot = (double) plotWidth / n;
		double barWidth = Math.max(1, slot * 0.8 / Math.max(1, series.size()));
		for (int c = 0; c < categories.size(); c++) {
			double x0 = LEFT + c * slot + slot * 0.1;
			for (int s = 0; s < series.size(); s++) {
				double v = values[s][c];
				double h = axis.scale(v) * plotHeight;
				double x = x0 + s * barWidth;
				double y = TOP + plotHeight - h;
				svg.append(String.format(Locale.ROOT,
						"<rect class=\"mark bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
								+ "<title>%s · %s: %s</title></rect>",
						x, y, Math.max(0.5, barWidth - 1), Math.max(h, v > 0 ? 1 : 0), PALETTE[s % PALETTE.length],
						Html.escape(categories.get(c)), Html.escape(series.get(s)), Html.number(v)));
				if (n <= 16 && series.size() <= 3) {
					text(svg, x + barWidth / 2, y - 4, "middle", "value", Html.number(v));
				}
			}
			if (n <= 24 || c % Math.max(1, n / 12) == 0) {
				double cx = LEFT + c * slot + slot / 2;
				svg.append(String.format(Locale.ROOT,
						"<text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"end\" transform=\"rotate(-30 %.1f %d)\">%s</text>",
						cx, TOP + plotHeight + 14, cx, TOP + plotHeight + 14, Html.escape(shorten(categories.get(c)))));
			}
		}
		legend.draw(svg, height - legend.height());
		return svg.append("</svg>").toString();
	}

	/** Lines over time (or any ordered categories), one per series. */
	static String lines(String id, String title, List<String> xLabels, List<String> series, double[][] values,
			String yTitle) {
		Legend legend = Legend.of(series);
		int height = 300 + legend.height();
		double max = 0;
		for (double[] row : values) {
			for (double v : row) {
				max = Math.max(max, v);
			}
		}
		Axis axis = Axis.of(max);
		StringBuilder svg = open(id, title, height);
		int plotWidth = WIDTH - LEFT - RIGHT;
		int plotHeight = height - TOP - BOTTOM - legend.height();
		yAxis(svg, axis, plotWidth, plotHeight, yTitle);
		int n = xLabels.size();
		double step = n <= 1 ? 0 : (double) plotWidth / (n - 1);
		for (int s = 0; s < series.size(); s++) {
			StringBuilder points = new StringBuilder();
			for (int i = 0; i < n; i++) {
				double x = LEFT + (n <= 1 ? plotWidth / 2.0 : i * step);
				double y = TOP + plotHeight - axis.scale(values[s][i]) * plotHeight;
				points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
				svg.append(String.format(Locale.ROOT,
						"<circle class=\"mark point\" cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>%s · %s: %s</title></circle>",
						x, y, PALETTE[s % PALETTE.length], Html.escape(xLabels.get(i)), Html.escape(series.get(s)),
						Html.number(values[s][i])));
			}
			svg.append(String.format(Locale.ROOT,
					"<polyline class=\"mark line\" points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>",
					points.toString().trim(), PALETTE[s % PALETTE.length]));
		}
		int every = Math.max(1, n / 12);
		for (int i = 0; i < n; i += every) {
			double x = LEFT + (n <= 1 ? plotWidth / 2.0 : i * step);
			svg.append(String.format(Locale.ROOT,
					"<text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"end\" transform=\"rotate(-30 %.1f %d)\">%s</text>",
					x, TOP + plotHeight + 14, x, TOP + plotHeight + 14, Html.escape(xLabels.get(i))));
		}
		legend.draw(svg, height - legend.height());
		return svg.append("</svg>").toString();
	}

	/**
	 * Horizontal bars, one row per category and one bar per series: long names (a campaign and a rule)
	 * get a gutter as wide as they need, up to half the chart, and wrap onto a second line beyond it.
	 */
	static String horizontalBars(String id, String title, List<String> categories, List<String> series,
			double[][] values, String xTitle) {
		Legend legend = Legend.of(series);
		int gutterChars = 12;
		for (String category : categories) {
			gutterChars = Math.max(gutterChars, Math.min(category.length(), MAX_LINE));
		}
		int gutter = (int) Math.ceil(textWidth("x".repeat(gutterChars))) + 12;
		int barHeight = 12;
		int rowHeight = Math.max(34, series.size() * barHeight + 12);
		int plotWidth = WIDTH - gutter - RIGHT - 50;
		int plotTop = TOP + 6;
		int plotHeight = Math.max(1, categories.size()) * rowHeight;
		int height = plotTop + plotHeight + 40 + legend.height();
		double max = 0;
		for (double[] row : values) {
			for (double v : row) {
				max = Math.max(max, v);
			}
		}
		Axis axis = Axis.of(max);
		StringBuilder svg = open(id, title, height);
		for (int t = 0; t <= axis.ticks; t++) {
			double x = gutter + (double) t / axis.ticks * plotWidth;
			svg.append(String.format(Locale.ROOT,
					"<line class=\"grid\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#e3e3e3\"/>", x, plotTop, x,
					plotTop + plotHeight));
			text(svg, x, plotTop + plotHeight + 14, "middle", "tick", Html.number(axis.max * t / axis.ticks));
		}
		text(svg, gutter + plotWidth / 2.0, plotTop + plotHeight + 30, "middle", "axis-title", xTitle);
		for (int c = 0; c < categories.size(); c++) {
			int y = plotTop + c * rowHeight;
			List<String> lines = wrap(categories.get(c), MAX_LINE);
			double first = y + rowHeight / 2.0 + 4 - (lines.size() - 1) * 7;
			svg.append(String.format(Locale.ROOT, "<text class=\"label category\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">",
					gutter - 8, first));
			for (int l = 0; l < lines.size(); l++) {
				svg.append(String.format(Locale.ROOT, "<tspan x=\"%d\" dy=\"%s\">%s</tspan>", gutter - 8, l == 0 ? "0" : "14",
						Html.escape(lines.get(l))));
			}
			svg.append("</text>");
			double barsTop = y + (rowHeight - series.size() * barHeight) / 2.0;
			for (int s = 0; s < series.size(); s++) {
				double v = values[s][c];
				double w = axis.scale(v) * plotWidth;
				double by = barsTop + s * barHeight;
				svg.append(String.format(Locale.ROOT,
						"<rect class=\"mark bar\" x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"%s\">"
								+ "<title>%s · %s: %s</title></rect>",
						gutter, by, Math.max(w, v > 0 ? 1 : 0.5), barHeight - 2, PALETTE[s % PALETTE.length],
						Html.escape(categories.get(c)), Html.escape(series.get(s)), Html.number(v)));
				if (v > 0 || series.size() == 1) {
					text(svg, gutter + w + 4, by + barHeight - 3, "start", "value", Html.number(v));
				}
			}
		}
		svg.append(String.format(Locale.ROOT,
				"<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>", gutter, plotTop, gutter,
				plotTop + plotHeight));
		legend.draw(svg, height - legend.height());
		return svg.append("</svg>").toString();
	}

	/** Characters per line of a category name in a gutter, before it wraps. */
	static final int MAX_LINE = 40;

	/** The text in lines of at most {@code width} characters, broken at spaces where it can be. */
	static List<String> wrap(String text, int width) {
		List<String> lines = new java.util.ArrayList<>();
		String rest = text;
		while (rest.length() > width) {
			int cut = rest.lastIndexOf(' ', width);
			if (cut <= 0) {
				cut = width;
			}
			lines.add(rest.substring(0, cut).trim());
			rest = rest.substring(cut).trim();
		}
		lines.add(rest);
		return lines;
	}

	/**
	 * Per category, the middle half of a distribution of times as a box from the lower to the upper
	 * quartile with the median marked; the axis is in hours or days, whichever fits the longest.
	 */
	static String timeQuartiles(String id, String title, List<String> labels, double[] lowerMillis,
			double[] medianMillis, double[] upperMillis, long[] counts) {
		int rowHeight = 34;
		int labelWidth = 150;
		int plotWidth = WIDTH - labelWidth - RIGHT - 110;
		int height = TOP + labels.size() * rowHeight + 44;
		double max = 0;
		for (double v : upperMillis) {
			max = Math.max(max, v);
		}
		boolean days = max >= 3 * 86_400_000d;
		double unit = days ? 86_400_000d : 3_600_000d;
		Axis axis = Axis.of(max / unit);
		StringBuilder svg = open(id, title, height);
		int bottom = TOP + labels.size() * rowHeight;
		for (int t = 0; t <= axis.ticks; t++) {
			double x = labelWidth + (double) t / axis.ticks * plotWidth;
			svg.append(String.format(Locale.ROOT,
					"<line class=\"grid\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#e3e3e3\"/>", x, TOP, x,
					bottom));
			text(svg, x, bottom + 14, "middle", "tick", Html.number(axis.max * t / axis.ticks));
		}
		text(svg, labelWidth + plotWidth / 2.0, bottom + 32, "middle", "axis-title",
				(days ? "days" : "hours") + " from entering the stage to the goal");
		for (int i = 0; i < labels.size(); i++) {
			int y = TOP + i * rowHeight;
			text(svg, labelWidth - 8, y + rowHeight / 2.0 + 4, "end", "label", labels.get(i));
			double x1 = labelWidth + axis.scale(lowerMillis[i] / unit) * plotWidth;
			double x2 = labelWidth + axis.scale(upperMillis[i] / unit) * plotWidth;
			double xm = labelWidth + axis.scale(medianMillis[i] / unit) * plotWidth;
			String tip = String.format(Locale.ROOT, "%s: median %s, quartiles %s – %s (%s conversions)", labels.get(i),
					Html.duration(medianMillis[i]), Html.duration(lowerMillis[i]), Html.duration(upperMillis[i]),
					Html.number(counts[i]));
			svg.append(String.format(Locale.ROOT,
					"<rect class=\"mark box\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#cfe0f3\" stroke=\"#3b6fb6\">"
							+ "<title>%s</title></rect>"
							+ "<line class=\"mark median\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#c9463d\" stroke-width=\"3\"/>",
					x1, y + 7, Math.max(2, x2 - x1), rowHeight - 14, Html.escape(tip), xm, y + 5, xm, y + rowHeight - 5));
			text(svg, labelWidth + plotWidth + 8, y + rowHeight / 2.0 + 4, "start", "value",
					Html.duration(medianMillis[i]) + " (n=" + Html.number(counts[i]) + ")");
		}
		return svg.append("</svg>").toString();
	}

	/** Horizontal bars with a share label each: a funnel. */
	static String funnel(String id, String title, List<String> labels, long[] values, double[] shares) {
		int rowHeight = 34;
		int height = TOP + labels.size() * rowHeight + 24;
		long max = 1;
		for (long v : values) {
			max = Math.max(max, v);
		}
		StringBuilder svg = open(id, title, height);
		int labelWidth = 130;
		int plotWidth = WIDTH - labelWidth - 120;
		for (int i = 0; i < labels.size(); i++) {
			double w = (double) values[i] / max * plotWidth;
			int y = TOP + i * rowHeight;
			double x = labelWidth + (plotWidth - w) / 2;
			text(svg, labelWidth - 8, y + 20, "end", "label", labels.get(i));
			svg.append(String.format(Locale.ROOT,
					"<rect class=\"mark bar\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s: %d</title></rect>",
					x, y + 4, Math.max(w, values[i] > 0 ? 1 : 0), rowHeight - 8, PALETTE[i % PALETTE.length],
					Html.escape(labels.get(i)), values[i]));
			text(svg, labelWidth + plotWidth + 8, y + 20, "start", "value",
					values[i] + " (" + Html.percent(shares[i]) + ")");
		}
		return svg.append("</svg>").toString();
	}

	/** Estimates with confidence intervals around a zero line (difference in percentage points). */
	static String intervals(String id, String title, List<String> labels, double[] estimates, double[] lows,
			double[] highs) {
		return intervals(id, title, labels, estimates, lows, highs, true);
	}

	/** Estimates with confidence intervals around a zero line, in percentage points or as plain amounts. */
	static String intervals(String id, String title, List<String> labels, double[] estimates, double[] lows,
			double[] highs, boolean percentagePoints) {
		double scale = percentagePoints ? 100 : 1;
		String unit = percentagePoints ? " pp" : "";
		int rowHeight = 40;
		int height = TOP + labels.size() * rowHeight + 40;
		double extent = 0.01;
		for (int i = 0; i < labels.size(); i++) {
			for (double v : new double[] { estimates[i], lows[i], highs[i] }) {
				if (!Double.isNaN(v)) {
					extent = Math.max(extent, Math.abs(v));
				}
			}
		}
		extent *= 1.15;
		StringBuilder svg = open(id, title, height);
		int labelWidth = 150;
		int plotWidth = WIDTH - labelWidth - RIGHT - 40;
		double zero = labelWidth + plotWidth / 2.0;
		int bottom = TOP + labels.size() * rowHeight;
		svg.append(String.format(Locale.ROOT,
				"<line class=\"axis\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#333\" stroke-dasharray=\"4 3\"/>",
				zero, TOP, zero, bottom));
		for (int t = -2; t <= 2; t++) {
			double value = extent * t / 2;
			double x = zero + value / extent * plotWidth / 2;
			text(svg, x, bottom + 16, "middle", "tick", String.format(Locale.ROOT, "%+.1f%s", value * scale, unit));
		}
		for (int i = 0; i < labels.size(); i++) {
			int y = TOP + i * rowHeight + rowHeight / 2;
			text(svg, labelWidth - 8, y + 4, "end", "label", labels.get(i));
			if (Double.isNaN(estimates[i])) {
				text(svg, zero + 6, y + 4, "start", "value", "no data");
				continue;
			}
			double xl = zero + lows[i] / extent * plotWidth / 2;
			double xh = zero + highs[i] / extent * plotWidth / 2;
			double xe = zero + estimates[i] / extent * plotWidth / 2;
			String colour = lows[i] > 0 ? "#4a9d5b" : highs[i] < 0 ? "#c9463d" : "#3b6fb6";
			svg.append(String.format(Locale.ROOT,
					"<line class=\"mark whisker\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" stroke-width=\"3\"/>"
							+ "<circle class=\"mark point\" cx=\"%.1f\" cy=\"%d\" r=\"6\" fill=\"%s\"><title>%s: %+.2f%s [%+.2f, %+.2f]</title></circle>",
					xl, y, xh, y, colour, xe, y, colour, Html.escape(labels.get(i)), estimates[i] * scale, unit,
					lows[i] * scale, highs[i] * scale));
		}
		return svg.append("</svg>").toString();
	}

	private static String shorten(String label) {
		return label.length() <= 24 ? label : label.substring(0, 23) + "…";
	}

	private static StringBuilder open(String id, String title, int height) {
		StringBuilder svg = new StringBuilder(4096);
		svg.append(String.format(Locale.ROOT,
				"<svg class=\"chart\" id=\"%s\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">",
				id, WIDTH, height, WIDTH, height, Html.escape(title)));
		svg.append(String.format(Locale.ROOT, "<text class=\"chart-title\" x=\"%d\" y=\"16\">%s</text>", LEFT,
				Html.escape(title)));
		return svg;
	}

	private static void yAxis(StringBuilder svg, Axis axis, int plotWidth, int plotHeight, String yTitle) {
		for (int t = 0; t <= axis.ticks; t++) {
			double value = axis.max * t / axis.ticks;
			double y = TOP + plotHeight - (double) t / axis.ticks * plotHeight;
			svg.append(String.format(Locale.ROOT,
					"<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e3e3e3\"/>", LEFT, y,
					LEFT + plotWidth, y));
			text(svg, LEFT - 6, y + 4, "end", "tick", Html.number(value));
		}
		svg.append(String.format(Locale.ROOT,
				"<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>"
						+ "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>",
				LEFT, TOP, LEFT, TOP + plotHeight, LEFT, TOP + plotHeight, LEFT + plotWidth, TOP + plotHeight));
		svg.append(String.format(Locale.ROOT,
				"<text class=\"axis-title\" x=\"14\" y=\"%d\" transform=\"rotate(-90 14 %d)\" text-anchor=\"middle\">%s</text>",
				TOP + plotHeight / 2, TOP + plotHeight / 2, Html.escape(yTitle)));
	}

	/**
	 * The series' colours in rows below the chart, left to right, a new row when one is full: it never
	 * runs into the title or the plot, however many or long the names.
	 */
	record Legend(List<String> series, List<double[]> positions, int rows) {
		static final int ROW_HEIGHT = 18;

		static Legend of(List<String> series) {
			List<double[]> positions = new java.util.ArrayList<>();
			if (series.size() < 2) {
				return new Legend(series, positions, 0);
			}
			double x = LEFT;
			int row = 0;
			for (String name : series) {
				double width = 14 + textWidth(name) + 16;
				if (x + width > WIDTH - RIGHT && x > LEFT) {
					row++;
					x = LEFT;
				}
				positions.add(new double[] { x, row });
				x += width;
			}
			return new Legend(series, positions, row + 1);
		}

		int height() {
			return rows == 0 ? 0 : rows * ROW_HEIGHT + 6;
		}

		void draw(StringBuilder svg, int top) {
			for (int s = 0; s < positions.size(); s++) {
				double x = positions.get(s)[0];
				double y = top + positions.get(s)[1] * ROW_HEIGHT;
				svg.append(String.format(Locale.ROOT,
						"<rect class=\"legend\" x=\"%.1f\" y=\"%.1f\" width=\"10\" height=\"10\" fill=\"%s\"/>", x, y,
						PALETTE[s % PALETTE.length]));
				text(svg, x + 14, y + 9, "start", "legend-label", series.get(s));
			}
		}
	}

	/** A generous estimate of a label's width at the charts' 11-12 px font, so nothing placed by it overlaps. */
	static double textWidth(String text) {
		return 7.0 * text.length();
	}

	private static void text(StringBuilder svg, double x, double y, String anchor, String cssClass, String text) {
		svg.append(String.format(Locale.ROOT, "<text class=\"%s\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>",
				cssClass, x, y, anchor, Html.escape(text)));
	}

	/** A value axis from 0 to a round maximum. */
	record Axis(double max, int ticks) {
		static Axis of(double dataMax) {
			if (dataMax <= 0) {
				return new Axis(1, 1);
			}
			double magnitude = Math.pow(10, Math.floor(Math.log10(dataMax)));
			for (double step : new double[] { 0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10 }) {
				double tick = step * magnitude;
				int ticks = (int) Math.ceil(dataMax / tick);
				if (ticks <= 6) {
					if (magnitude * step < 1 && dataMax >= 1) {
						continue;
					}
					return new Axis(tick * ticks, Math.max(1, ticks));
				}
			}
			return new Axis(dataMax, 1);
		}

		double scale(double value) {
			return Math.max(0, Math.min(1, value / max));
		}
	}
}
