package io.itinera.runtime.graph;

import io.itinera.runtime.plan.Exit;
import io.itinera.runtime.plan.ExprText;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.Stage;
import io.itinera.runtime.plan.Transition;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.alg.cycle.HawickJamesSimpleCycles;
import org.jgrapht.graph.AsSubgraph;
import org.jgrapht.graph.DirectedPseudograph;
import org.jgrapht.traverse.BreadthFirstIterator;

/**
 * The journey as a JGraphT directed multigraph: stages are vertices, each declared transition an
 * edge (self-loops and parallel edges included). Static analyses report at the plan's source
 * locations; {@link #analyse()} runs them all.
 */
public final class JourneyGraph {
	private final JourneyPlan plan;
	private final Graph<String, TransitionEdge> graph = new DirectedPseudograph<>(TransitionEdge.class);

	public JourneyGraph(JourneyPlan plan) {
		this.plan = plan;
		for (Stage stage : plan.stages()) {
			graph.addVertex(stage.name());
		}
		for (Stage stage : plan.stages()) {
			for (Transition transition : stage.transitions()) {
				if (graph.containsVertex(transition.target())) {
					graph.addEdge(stage.name(), transition.target(), new TransitionEdge(stage.name(), transition));
				}
			}
		}
	}

	public JourneyPlan plan() {
		return plan;
	}

	/** The underlying JGraphT graph, for further algorithms. */
	public Graph<String, TransitionEdge> graph() {
		return graph;
	}

	public List<GraphFinding> analyse() {
		List<GraphFinding> findings = new ArrayList<>();
		findings.addAll(unreachableStages());
		findings.addAll(stagesWithNoWayOut());
		findings.addAll(timerCycles());
		findings.addAll(overlappingTransitions());
		return findings;
	}

	/** Stages no path from the entry stage leads to. */
	public List<GraphFinding> unreachableStages() {
		String entry = plan.entryStage();
		if (entry == null || !graph.containsVertex(entry)) {
			return List.of();
		}
		Set<String> reached = new LinkedHashSet<>();
		new BreadthFirstIterator<>(graph, entry).forEachRemaining(reached::add);
		List<GraphFinding> findings = new ArrayList<>();
		for (Stage stage : plan.stages()) {
			if (!reached.contains(stage.name())) {
				findings.add(new GraphFinding(GraphFinding.Kind.UNREACHABLE_STAGE,
						"No customer can reach stage " + stage.name() + ": no transition from the entry stage " + entry
								+ " leads to it. Add a transition to it, or remove it.",
						stage.location(), stage, List.of(stage.name())));
			}
		}
		return findings;
	}

	/**
	 * Stages that are not terminal (they have transitions) yet never let a customer get anywhere:
	 * a stage whose transitions all lead back to itself; and, in a journey that has final stages
	 * (stages without transitions), stages from which none of them can be reached — customers who
	 * get there circulate among them forever. Both are bottom strongly connected components with
	 * an edge. A journey without any final stage is a lifecycle by design (customers move between
	 * its stages for good), so only the first kind is reported there. One finding per stage.
	 */
	public List<GraphFinding> stagesWithNoWayOut() {
		boolean journeyCanEnd = plan.stages().stream().anyMatch(Stage::terminal);
		List<GraphFinding> findings = new ArrayList<>();
		for (Set<String> component : new KosarajuStrongConnectivityInspector<>(graph).stronglyConnectedSets()) {
			if (component.size() > 1 && !journeyCanEnd) {
				continue;
			}
			boolean hasEdge = false;
			boolean leaves = false;
			for (String stage : component) {
				for (TransitionEdge edge : graph.outgoingEdgesOf(stage)) {
					hasEdge = true;
					leaves |= !component.contains(edge.to());
				}
			}
			if (!hasEdge || leaves) {
				continue;
			}
			List<String> trap = plan.stages().stream().map(Stage::name).filter(component::contains).distinct().toList();
			for (String name : trap) {
				Stage stage = plan.stage(name);
				String where = trap.size() == 1 ? "its transitions all lead back to " + name
						: "its transitions only lead among " + String.join(", ", trap);
				findings.add(new GraphFinding(GraphFinding.Kind.NO_WAY_OUT,
						"Customers who reach " + name + " never reach a stage that ends the journey: " + where + ". "
								+ exitsNote() + "Add a transition to a stage without transitions.",
						stage.location(), stage, trap));
			}
		}
		return findings;
	}

	private String exitsNote() {
		if (plan.exits().isEmpty()) {
			return "";
		}
		return "Only the journey's exit (" + plan.exits().stream().map(Exit::event).map(e -> "on " + e)
				.collect(Collectors.joining(", ")) + ") takes them out. ";
	}

	/** Cycles whose every edge is a timer: a customer who does nothing goes round them forever. */
	public List<GraphFinding> timerCycles() {
		Set<TransitionEdge> timerEdges = graph.edgeSet().stream().filter(TransitionEdge::isTimer)
				.collect(Collectors.toCollection(LinkedHashSet::new));
		if (timerEdges.isEmpty()) {
			return List.of();
		}
		Graph<String, TransitionEdge> timers = new AsSubgraph<>(graph, graph.vertexSet(), timerEdges);
		Set<List<String>> seen = new LinkedHashSet<>();
		List<GraphFinding> findings = new ArrayList<>();
		for (List<String> cycle : new HawickJamesSimpleCycles<>(timers).findSimpleCycles()) {
			List<String> ordered = startAtFirstDeclared(cycle);
			if (!seen.add(ordered)) {
				continue; // the same stages again through a parallel timer
			}
			List<TransitionEdge> edges = new ArrayList<>();
			for (int i = 0; i < ordered.size(); i++) {
				edges.add(timers.getEdge(ordered.get(i), ordered.get((i + 1) % ordered.size())));
			}
			String path = ordered.stream().collect(Collectors.joining(" → ")) + " → " + ordered.get(0);
			String delays = edges.stream().map(TransitionEdge::label).collect(Collectors.joining(", "));
			TransitionEdge first = edges.get(0);
			findings.add(new GraphFinding(GraphFinding.Kind.TIMER_CYCLE,
					"Timers alone move customers round " + path + " (" + delays + "): a customer who does nothing loops "
							+ "forever. Let an event or a score break the loop, or send them to a final stage.",
					first.transition().location(), first.transition(), ordered));
		}
		return findings;
	}

	private List<String> startAtFirstDeclared(List<String> cycle) {
		int start = 0;
		int best = Integer.MAX_VALUE;
		for (int i = 0; i < cycle.size(); i++) {
			int declared = plan.stages().indexOf(plan.stage(cycle.get(i)));
			if (declared < best) {
				best = declared;
				start = i;
			}
		}
		List<String> ordered = new ArrayList<>(cycle.subList(start, cycle.size()));
		ordered.addAll(cycle.subList(0, start));
		return List.copyOf(ordered);
	}

	/**
	 * Two transitions of one stage on the same event whose conditions can both hold: the step
	 * function takes the first, so the second is shadowed whenever both hold. Reported on the
	 * second. "Can both hold" is decided conservatively ({@link ConditionOverlap}).
	 */
	public List<GraphFinding> overlappingTransitions() {
		List<GraphFinding> findings = new ArrayList<>();
		for (Stage stage : plan.stages()) {
			List<Transition.OnEvent> onEvents = stage.transitions().stream().filter(Transition.OnEvent.class::isInstance)
					.map(Transition.OnEvent.class::cast).toList();
			for (int j = 0; j < onEvents.size(); j++) {
				Transition.OnEvent later = onEvents.get(j);
				for (int i = 0; i < j; i++) {
					Transition.OnEvent earlier = onEvents.get(i);
					if (!earlier.event().equals(later.event()) || ConditionOverlap.exclusive(earlier.condition(), later.condition())) {
						continue;
					}
					findings.add(new GraphFinding(GraphFinding.Kind.OVERLAPPING_TRANSITIONS,
							overlapMessage(stage, earlier, later), later.location(), later, List.of(stage.name())));
					break;
				}
			}
		}
		return findings;
	}

	private static String overlapMessage(Stage stage, Transition.OnEvent earlier, Transition.OnEvent later) {
		String head = "Two transitions of " + stage.name() + " on " + later.event() + " (lines " + earlier.location().line()
				+ " and " + later.location().line() + ") ";
		if (earlier.condition() == null) {
			return head + "overlap: the first has no condition, so this one (-> " + later.target()
					+ ") never fires. Give the first a condition, or remove this one.";
		}
		String second = later.condition() == null ? "no condition" : "'" + ExprText.of(later.condition()) + "'";
		return head + "can both apply: when '" + ExprText.of(earlier.condition()) + "' and " + second
				+ " both hold, only the first (-> " + earlier.target() + ") fires. Make the conditions exclusive"
				+ " (e.g. 'x > 100' and 'x <= 100').";
	}
}
