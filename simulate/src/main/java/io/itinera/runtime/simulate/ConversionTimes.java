package io.itinera.runtime.simulate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Per stage, the time from the customer's first entry into the stage (in a visit) to the goal of
 * that visit, for every converted visit that passed through the stage. One number per conversion
 * and stage: memory grows with conversions, not with events.
 */
final class ConversionTimes {
	private final long[][] samples;
	private final int[] counts;

	ConversionTimes(int stages) {
		samples = new long[stages][];
		counts = new int[stages];
		for (int i = 0; i < stages; i++) {
			samples[i] = new long[8];
		}
	}

	/** A visit converted at {@code goalAt}, having entered stage i at {@code enteredAt[i]} (NEVER: not entered). */
	void converted(long[] enteredAt, long goalAt) {
		if (enteredAt == null) {
			return;
		}
		for (int i = 0; i < enteredAt.length && i < samples.length; i++) {
			if (enteredAt[i] != CustomerTrack.NEVER && enteredAt[i] <= goalAt) {
				if (counts[i] == samples[i].length) {
					samples[i] = Arrays.copyOf(samples[i], counts[i] * 2);
				}
				samples[i][counts[i]++] = goalAt - enteredAt[i];
			}
		}
	}

	/** The quartiles per stage, for the stages some converted visit passed through. */
	List<SimulationReport.StageTiming> figures(List<String> stageNames) {
		List<SimulationReport.StageTiming> result = new ArrayList<>();
		for (int i = 0; i < samples.length; i++) {
			Quartiles q = Quartiles.of(samples[i], counts[i]);
			if (q != null) {
				result.add(new SimulationReport.StageTiming(stageNames.get(i), q.count(), Math.round(q.lower()),
						Math.round(q.median()), Math.round(q.upper())));
			}
		}
		return result;
	}
}
