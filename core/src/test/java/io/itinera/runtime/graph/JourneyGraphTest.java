package io.itinera.runtime.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.plan.Entry;
import io.itinera.runtime.plan.Exit;
import io.itinera.runtime.plan.Expr;
import io.itinera.runtime.plan.Expr.BinaryOp;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.Reentry;
import io.itinera.runtime.plan.SamplePlans;
import io.itinera.runtime.plan.SourceLocation;
import io.itinera.runtime.plan.Stage;
import io.itinera.runtime.plan.Transition;
import java.util.List;
import org.junit.jupiter.api.Test;

class JourneyGraphTest {
	static final long DAY = 86_400_000L;
	private static int line = 10;

	static SourceLocation next() {
		return new SourceLocation("g.journey", line++, 3);
	}

	static Stage stage(String name, Transition... transitions) {
		return new Stage(name, (String) null, List.of(transitions), next());
	}

	static Transition on(String event, Expr condition, String target) {
		return new Transition.OnEvent(event, condition, target, next());
	}

	static Transition after(long days, String target) {
		return new Transition.AfterDelay(days * DAY, target, next());
	}

	static Transition when(Expr condition, String target) {
		return new Transition.WhenScore(condition, null, target, next());
	}

	static Expr cmp(BinaryOp op, Expr left, Object right) {
		Expr literal = right instanceof String text ? new Expr.StringLit(text, next()) : new Expr.NumberLit(((Number) right).doubleValue(), next());
		return new Expr.Binary(op, left, literal, next());
	}

	static final Expr VALUE = new Expr.FeatureRef("cartValue", SourceLocation.UNKNOWN);
	static final Expr TIER = new Expr.AttributeRef("tier", SourceLocation.UNKNOWN);

	static JourneyPlan plan(List<Exit> exits, Stage... stages) {
		return new JourneyPlan(JourneyPlan.FORMAT_VERSION, "G", null, next(), new Entry("visit", null, stages[0].name(), next()),
				Reentry.never(next()), exits, null, List.of(), List.of(), List.of(), List.of(), List.of(stages), List.of(),
				List.of(), List.of());
	}

	static JourneyPlan plan(Stage... stages) {
		return plan(List.of(), stages);
	}

	@Test
	void theSampleJourneyIsClean() {
		assertEquals(List.of(), new JourneyGraph(SamplePlans.cartRecovery()).analyse());
	}

	@Test
	void findsUnreachableStages() {
		JourneyPlan plan = plan(stage("A", on("x", null, "B")), stage("B"), stage("Orphan", on("x", null, "B")));
		List<GraphFinding> findings = new JourneyGraph(plan).unreachableStages();
		assertEquals(1, findings.size());
		assertEquals(GraphFinding.Kind.UNREACHABLE_STAGE, findings.get(0).kind());
		assertEquals(plan.stage("Orphan").location(), findings.get(0).location());
		assertSame(plan.stage("Orphan"), findings.get(0).element());
	}

	@Test
	void aStageWhoseTransitionsOnlyLoopBackHasNoWayOut() {
		JourneyPlan plan = plan(stage("A", on("x", null, "Stuck"), on("y", null, "Done")),
				stage("Stuck", on("view", null, "Stuck"), after(1, "Stuck")), stage("Done"));
		List<GraphFinding> findings = new JourneyGraph(plan).stagesWithNoWayOut();
		assertEquals(1, findings.size(), findings.toString());
		assertEquals(GraphFinding.Kind.NO_WAY_OUT, findings.get(0).kind());
		assertEquals(plan.stage("Stuck").location(), findings.get(0).location());
		assertTrue(findings.get(0).message().contains("all lead back to Stuck"), findings.get(0).message());
	}

	@Test
	void stagesThatOnlyLeadAmongThemselvesHaveNoWayOut() {
		JourneyPlan plan = plan(List.of(new Exit("purchase", null, next())), stage("A", on("x", null, "B"), on("q", null, "End")),
				stage("B", on("y", null, "C")), stage("C", on("z", null, "B")), stage("End"));
		List<GraphFinding> findings = new JourneyGraph(plan).stagesWithNoWayOut();
		assertEquals(List.of("B", "C"), findings.stream().map(f -> ((Stage) f.element()).name()).toList());
		assertEquals(List.of("B", "C"), findings.get(0).stages());
		assertTrue(findings.get(0).message().contains("Only the journey's exit (on purchase)"), findings.get(0).message());
	}

	@Test
	void aJourneyWithoutFinalStagesIsALifecycleWhoseLoopsAreFine() {
		JourneyPlan lifecycle = plan(stage("New", on("order", null, "Active")), stage("Active", after(90, "Lapsing")),
				stage("Lapsing", on("order", null, "Active"), after(90, "Churned")), stage("Churned", on("order", null, "Active")));
		assertEquals(List.of(), new JourneyGraph(lifecycle).stagesWithNoWayOut());

		JourneyPlan stuck = plan(stage("New", on("order", null, "Active")), stage("Active", on("order", null, "Active")));
		assertEquals(List.of("Active"), new JourneyGraph(stuck).stagesWithNoWayOut().get(0).stages(),
				"a stage that only loops back to itself is reported even in a lifecycle");
	}

	@Test
	void aCycleWithAWayOutIsFine() {
		JourneyPlan plan = plan(stage("A", on("x", null, "B")), stage("B", on("y", null, "A"), on("buy", null, "End")), stage("End"));
		assertEquals(List.of(), new JourneyGraph(plan).stagesWithNoWayOut());
	}

	@Test
	void findsCyclesDrivenOnlyByTimers() {
		JourneyPlan plan = plan(stage("A", after(1, "B"), on("buy", null, "End")), stage("B", after(2, "C"), on("buy", null, "End")),
				stage("C", after(3, "A")), stage("End"));
		List<GraphFinding> findings = new JourneyGraph(plan).timerCycles();
		assertEquals(1, findings.size(), findings.toString());
		GraphFinding cycle = findings.get(0);
		assertEquals(GraphFinding.Kind.TIMER_CYCLE, cycle.kind());
		assertEquals(List.of("A", "B", "C"), cycle.stages());
		assertSame(plan.stage("A").transitions().get(0), cycle.element());
		assertTrue(cycle.message().contains("A → B → C → A"), cycle.message());
		assertTrue(cycle.message().contains("after 1 day, after 2 days, after 3 days"), cycle.message());
	}

	@Test
	void aTimerThatRestartsItsOwnStageIsATimerCycle() {
		JourneyPlan plan = plan(stage("Nag", after(7, "Nag"), on("buy", null, "End")), stage("End"));
		assertEquals(List.of("Nag"), new JourneyGraph(plan).timerCycles().get(0).stages());
	}

	@Test
	void aCycleBrokenByAnEventIsNoTimerCycle() {
		JourneyPlan plan = plan(stage("A", after(1, "B")), stage("B", on("click", null, "A"), after(1, "End")), stage("End"));
		assertEquals(List.of(), new JourneyGraph(plan).timerCycles());
	}

	@Test
	void twoUnconditionalTransitionsOnOneEventOverlap() {
		JourneyPlan plan = plan(stage("A", on("cart_add", null, "B"), on("cart_add", null, "C")), stage("B"), stage("C"));
		List<GraphFinding> findings = new JourneyGraph(plan).overlappingTransitions();
		assertEquals(1, findings.size());
		assertSame(plan.stage("A").transitions().get(1), findings.get(0).element());
		assertTrue(findings.get(0).message().contains("never fires"), findings.get(0).message());
	}

	@Test
	void conditionsThatMayBothHoldOverlap() {
		JourneyPlan plan = plan(stage("A", on("cart_add", cmp(BinaryOp.GT, VALUE, 100), "B"), on("cart_add", cmp(BinaryOp.GT, VALUE, 50), "C")),
				stage("B"), stage("C"));
		assertEquals(1, new JourneyGraph(plan).overlappingTransitions().size());
	}

	@Test
	void provablyExclusiveConditionsDoNotOverlap() {
		Expr big = cmp(BinaryOp.GT, VALUE, 100);
		JourneyPlan plan = plan(stage("A",
				on("cart_add", big, "B"),
				on("cart_add", cmp(BinaryOp.LE, VALUE, 100), "C"),
				on("view", cmp(BinaryOp.EQ, TIER, "gold"), "B"),
				on("view", cmp(BinaryOp.EQ, TIER, "silver"), "C"),
				on("click", new Expr.Binary(BinaryOp.AND, big, cmp(BinaryOp.EQ, TIER, "gold"), next()), "B"),
				on("click", new Expr.Not(big, next()), "C"),
				on("open", new Expr.Membership(TIER, false, List.of(new Expr.StringLit("gold", next())), next()), "B"),
				on("open", new Expr.Membership(TIER, true, List.of(new Expr.StringLit("gold", next())), next()), "C"),
				on("cart_add", cmp(BinaryOp.LT, VALUE, 10), "C")), stage("B"), stage("C"));
		List<GraphFinding> findings = new JourneyGraph(plan).overlappingTransitions();
		assertEquals(1, findings.size(), findings.toString());
		assertSame(plan.stage("A").transitions().get(8), findings.get(0).element(), "value < 10 overlaps value <= 100");
	}

	@Test
	void exportsMermaidAndDotWithTransitionLabels() {
		JourneyGraph graph = new JourneyGraph(SamplePlans.cartRecovery());
		String mermaid = GraphExport.mermaid(graph);
		assertTrue(mermaid.startsWith("flowchart LR\n"), mermaid);
		assertTrue(mermaid.contains("entry -->|\"cart_add\"| s_Carted"), mermaid);
		assertTrue(mermaid.contains("s_Carted -->|\"purchase\"| s_Converted"), mermaid);
		assertTrue(mermaid.contains("s_Carted -.->|\"after 1 hour\"| s_Abandoned"), mermaid);
		assertTrue(mermaid.contains("s_Abandoned -->|\"when intent > 0.6 (leave below 0.5)\"| s_HighIntent"), mermaid);
		assertTrue(mermaid.contains("s_Converted([\"Converted (purchase)\"])"), mermaid);

		String dot = GraphExport.dot(graph);
		assertTrue(dot.startsWith("digraph \"CartRecovery\" {"), dot);
		assertTrue(dot.contains("\"Abandoned\" -> \"Lapsed\" [label=\"after 3 days\", style=dashed];"), dot);
		assertTrue(dot.contains("\"Carted\" -> \"Converted\" [label=\"purchase\"];"), dot);
		assertTrue(dot.trim().endsWith("}"), dot);
	}
}
