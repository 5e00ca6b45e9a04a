package io.itinera.cli;

import io.itinera.cli.vocabulary.CommandError;
import io.itinera.runtime.driver.SlotCodec;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.PlanJson;
import io.itinera.runtime.state.RocksDbStateStore;
import io.itinera.runtime.state.RunProgress;
import io.itinera.runtime.step.CustomerState;
import io.itinera.runtime.step.SegmentMembership;
import io.itinera.runtime.step.WorkspaceState;
import io.itinera.runtime.workspace.WorkspacePlans;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code itinera segments --state DIR}: how many of a run's customers are in each declared segment
 * now (at the run's latest event time), per journey. See docs/segments.md.
 */
@Command(name = "segments", description = {
		"Counts the customers of a run's state in each segment its journeys declare, at the run's latest event time:"
				+ " segment, journey, customers in it, share of the customers." })
final class SegmentsCommand implements Callable<Integer> {
	@Spec
	CommandSpec spec;

	@Option(names = "--state", required = true, paramLabel = "DIR", description = "the run's RocksDB state directory (run --state)")
	Path state;

	@Override
	public Integer call() {
		PrintWriter out = spec.commandLine().getOut();
		if (!Files.isRegularFile(state.resolve("CURRENT"))) {
			throw CommandError.error(state + " is not the state of an itinera run: give the --state directory of a run (by default OUT/state).");
		}
		try (RocksDbStateStore store = new RocksDbStateStore(state)) {
			RunProgress progress = store.progress().orElseThrow(() -> CommandError.error(state
					+ ": holds no run yet (its run stopped before the first checkpoint); run the same command to finish it."));
			String planJson = store.planJson().orElseThrow(() -> CommandError.error(state + " keeps no plan; run the journey again."));
			boolean workspace = WorkspacePlans.isWorkspace(planJson);
			List<JourneyPlan> plans = workspace ? List.copyOf(WorkspacePlans.read(planJson).values()) : List.of(PlanJson.read(planJson));
			long now = progress.latestEventAt();
			List<SegmentMembership> memberships = new ArrayList<>();
			List<long[]> counts = new ArrayList<>();
			for (JourneyPlan plan : plans) {
				SegmentMembership membership = new SegmentMembership(plan);
				memberships.add(membership);
				counts.add(new long[membership.names().size()]);
			}
			long[] customers = { 0 };
			store.forEachCustomer((id, bytes) -> {
				CustomerState customer = SlotCodec.decode(id, bytes).state();
				customers[0]++;
				for (int j = 0; j < plans.size(); j++) {
					CustomerState part = workspace && customer instanceof WorkspaceState composite
							? composite.part(plans.get(j).name()) : customer;
					if (part == null) {
						continue;
					}
					boolean[] in = memberships.get(j).of(part, now);
					for (int s = 0; s < in.length; s++) {
						if (in[s]) {
							counts.get(j)[s]++;
						}
					}
				}
			});
			out.printf(Locale.ROOT, "Segments of %s at %s, over %,d customers:%n", state, Instant.ofEpochMilli(now), customers[0]);
			int declared = 0;
			for (int j = 0; j < plans.size(); j++) {
				List<String> names = memberships.get(j).names();
				for (int s = 0; s < names.size(); s++, declared++) {
					long count = counts.get(j)[s];
					out.printf(Locale.ROOT, "  %-24s %-24s %,10d  %5.1f%%%n", names.get(s), plans.get(j).name(), count,
							customers[0] == 0 ? 0.0 : 100.0 * count / customers[0]);
				}
			}
			if (declared == 0) {
				out.println("  (the run's journeys declare no segments)");
			}
			out.flush();
			return 0;
		}
	}
}
