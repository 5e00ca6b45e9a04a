package io.itinera.runtime.simulate;

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
		int height = 300;
		double max = 0;
		for (double[] row : values) {
			for (double v : row) {
				max = Math.max(max, v);
			}
		}
		Axis axis = Axis.of(max);
		StringBuilder svg = open(id, title, height);
		int plotWidth = WIDTH - LEFT - RIGHT;
		int plotHeight = height - TOP - BOTTOM;
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
		legend(svg, series);
		return svg.append("</svg>").toString();
	}

	/** Lines over time (or any ordered categories), one per series. */
	static String lines(String id, String title, List<String> xLabels, List<String> series, double[][] values,
			String yTitle) {
		int height = 300;
		double max = 0;
		for (double[] row : values) {
			for (double v : row) {
				max = Math.max(max, v);
			}
		}
		Axis axis = Axis.of(max);
		StringBuilder svg = open(id, title, height);
		int plotWidth = WIDTH - LEFT - RIGHT;
		int plotHeight = height - TOP - BOTTOM;
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
		legend(svg, series);
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
			text(svg, x, bottom + 16, "middle", "tick", String.format(Locale.ROOT, "%+.1f pp", value * 100));
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
							+ "<circle class=\"mark point\" cx=\"%.1f\" cy=\"%d\" r=\"6\" fill=\"%s\"><title>%s: %+.2f pp [%+.2f, %+.2f]</title></circle>",
					xl, y, xh, y, colour, xe, y, colour, Html.escape(labels.get(i)), estimates[i] * 100, lows[i] * 100,
					highs[i] * 100));
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

	private static void legend(StringBuilder svg, List<String> series) {
		if (series.size() < 2) {
			return;
		}
		double x = WIDTH - RIGHT;
		for (int s = series.size() - 1; s >= 0; s--) {
			x -= 14 + 7 * series.get(s).length();
			svg.append(String.format(Locale.ROOT,
					"<rect class=\"legend\" x=\"%.1f\" y=\"8\" width=\"10\" height=\"10\" fill=\"%s\"/>", x,
					PALETTE[s % PALETTE.length]));
			text(svg, x + 13, 17, "start", "legend-label", series.get(s));
		}
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
