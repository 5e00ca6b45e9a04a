package io.itinera.cli;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.itinera.dsl.journey.Campaign;
import io.itinera.dsl.journey.EventTransition;
import io.itinera.dsl.journey.Journey;
import io.itinera.dsl.journey.ModelDecl;
import io.itinera.dsl.journey.ScoreTransition;
import io.itinera.dsl.journey.Split;
import io.itinera.dsl.journey.Stage;
import io.itinera.dsl.journey.TestCase;
import io.itinera.dsl.journey.TimerTransition;
import io.itinera.dsl.journey.Transition;

/** The one-paragraph description `itinera check` prints for a clean journey. */
final class JourneySummary {
	private JourneySummary() {
	}

	static String of(Journey journey) {
		List<Stage> stages = of(journey, Stage.class);
		Map<String, Long> byPhase = new java.util.LinkedHashMap<>();
		List<String> declared = of(journey, io.itinera.dsl.journey.PhaseList.class).stream().findFirst()
				.map(list -> (List<String>) list.getPhases()).orElse(io.itinera.runtime.plan.Phase.DEFAULTS);
		for (String phase : declared) {
			byPhase.put(phase, stages.stream().filter(s -> phase.equals(s.getPhase())).count());
		}
		List<Transition> transitions = stages.stream().flatMap(s -> s.getTransitions().stream()).toList();
		List<Campaign> campaigns = of(journey, Campaign.class);
		int rules = campaigns.stream().mapToInt(c -> c.getRules().size()).sum();
		String phases = byPhase.entrySet().stream()
				.map(e -> e.getKey() + " " + e.getValue())
				.collect(Collectors.joining(", "));
		return "Journey " + journey.getName() + (journey.getTitle() == null ? "" : " (\"" + journey.getTitle() + "\")")
				+ ": " + plural(stages.size(), "stage") + " (" + phases + "), "
				+ plural(transitions.size(), "transition") + " ("
				+ count(transitions, EventTransition.class) + " on events, "
				+ count(transitions, TimerTransition.class) + " timers, "
				+ count(transitions, ScoreTransition.class) + " model triggers), "
				+ plural(campaigns.size(), "campaign") + " with " + plural(rules, "rule") + ", "
				+ plural(of(journey, ModelDecl.class).size(), "model") + ", "
				+ plural(of(journey, Split.class).size(), "split") + ", "
				+ plural(of(journey, TestCase.class).size(), "test") + ".";
	}

	private static <T> List<T> of(Journey journey, Class<T> kind) {
		return journey.getElements().stream().filter(kind::isInstance).map(kind::cast).toList();
	}

	private static long count(List<Transition> transitions, Class<?> kind) {
		return transitions.stream().filter(kind::isInstance).count();
	}

	private static String plural(long n, String noun) {
		return n + " " + noun + (n == 1 ? "" : "s");
	}
}
