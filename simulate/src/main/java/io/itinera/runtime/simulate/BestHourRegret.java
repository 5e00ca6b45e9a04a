package io.itinera.runtime.simulate;

import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.simulate.LearningFigures.Alternative;
import io.itinera.runtime.simulate.LearningFigures.LearningDecision;
import io.itinera.runtime.step.ActionRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntToDoubleFunction;

/**
 * The regret of {@code send … at best hour} in a simulated market: over the messages of each best-hour send
 * the market answered, the expected opens as they were timed (the true open probability at the local hour each
 * went out), against the same messages at the best fixed hour (the hour whose open multiplier is highest in
 * the market's curve for the customer's group) and at the send's fallback time. Expected, not drawn, opens:
 * the comparison has no sampling noise.
 */
final class BestHourRegret {
	private final BestHourSends sends;
	private final long[] messages;
	private final double[] asTimed;
	private final double[] atBestHour;
	private final double[] atFallback;
	/** Per send: the best hour of each customer group its messages went to. */
	private final List<Map<String, Integer>> bestHours = new ArrayList<>();

	BestHourRegret(JourneyPlan plan) {
		sends = new BestHourSends(plan);
		int n = sends.all().size();
		messages = new long[n];
		asTimed = new double[n];
		atBestHour = new double[n];
		atFallback = new double[n];
		for (int i = 0; i < n; i++) {
			bestHours.add(new TreeMap<>());
		}
	}

	/** Whether the message comes from a best-hour send (the others are not judged here). */
	boolean judges(ActionRecord action) {
		return sends.of(action) != null;
	}

	/**
	 * A message the market answered: {@code openAt} gives its true open probability at a local hour,
	 * {@code hour} is the one it went out at, {@code curve} the market's hour curve for the customer (null: none).
	 */
	void answered(ActionRecord action, IntToDoubleFunction openAt, int hour, ResponseModel.HourCurve curve) {
		BestHourSends.Send send = sends.of(action);
		if (send == null) {
			return;
		}
		int i = send.index();
		int best = curve == null ? hour : curve.bestHour();
		messages[i]++;
		asTimed[i] += openAt.applyAsDouble(hour);
		atBestHour[i] += openAt.applyAsDouble(best);
		if (send.fallbackMinute() >= 0) {
			atFallback[i] += openAt.applyAsDouble(send.fallbackMinute() / 60);
		}
		if (curve != null) {
			bestHours.get(i).put(curve.group(), best);
		}
	}

	/** One decision per best-hour send the market answered. */
	List<LearningDecision> decisions() {
		List<LearningDecision> decisions = new ArrayList<>();
		for (BestHourSends.Send send : sends.all()) {
			int i = send.index();
			if (messages[i] == 0) {
				continue;
			}
			List<Alternative> others = send.fallbackMinute() < 0 ? List.of()
					: List.of(new Alternative("all at the fallback " + send.fallbackTime(), atFallback[i]));
			decisions.add(new LearningDecision(send.label(), "best hour", "expected opens", messages[i], asTimed[i],
					bestFixedChoice(bestHours.get(i)), atBestHour[i], atBestHour[i] - asTimed[i], others,
					"expected opens: the sum of the true open probabilities at the local hour each message went out, "
							+ "against the same messages at the best fixed hour and at the fallback"));
		}
		return decisions;
	}

	private static String bestFixedChoice(Map<String, Integer> hours) {
		if (hours.isEmpty()) {
			return "any hour (the market has no hour curve)";
		}
		if (hours.size() == 1) {
			Map.Entry<String, Integer> only = hours.entrySet().iterator().next();
			return "all at the market's best hour" + (only.getKey().equals("every customer") ? "" : " for " + only.getKey()) + ": "
					+ String.format(Locale.ROOT, "%02d:00", only.getValue());
		}
		StringBuilder text = new StringBuilder("each group at its best hour in the market:");
		hours.forEach((group, hour) -> text.append(text.charAt(text.length() - 1) == ':' ? " " : ", ").append(group)
				.append(String.format(Locale.ROOT, " %02d:00", hour)));
		return text.toString();
	}
}
