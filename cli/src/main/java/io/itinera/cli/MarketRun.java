package io.itinera.cli;

import io.itinera.cli.vocabulary.CommandError;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.simulate.JourneySimulation;
import io.itinera.runtime.simulate.ResponseModel;
import io.itinera.runtime.simulate.SimulatedMarket;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code simulate --market FILE}: a {@link SimulatedMarket} per simulated journey (with {@code --compare}, each
 * version gets its own, drawn from the same seed), its injected answers in {@code market-events.jsonl} and its
 * figures in {@code market.json} beside the run's other outputs.
 */
record MarketRun(SimulatedMarket market, BufferedWriter events, Path folder) {
	static final String EVENTS = "market-events.jsonl";
	static final String FIGURES = "market.json";

	/** The market file read and checked against the journeys' events; @throws CommandError naming the file and the fix */
	static ResponseModel read(Path file, List<JourneyPlan> plans) throws IOException {
		if (file == null) {
			return null;
		}
		if (!Files.isRegularFile(file)) {
			throw CommandError.error("--market " + file + ": no such file; give a market file (docs/simulate.md, \"A simulated market\").");
		}
		try {
			ResponseModel model = ResponseModel.read(file);
			for (JourneyPlan plan : plans) {
				new SimulatedMarket(model, plan, null);
			}
			return model;
		} catch (IllegalArgumentException e) {
			throw CommandError.error(e.getMessage().startsWith(file.toString()) ? e.getMessage() : file + ": " + e.getMessage() + ".");
		}
	}

	/** A market for each journey, answering from now on; the second writes to {@code OUT/compared/}. */
	static List<MarketRun> open(ResponseModel model, List<JourneySimulation> journeys, Path out, String compared) throws IOException {
		List<MarketRun> runs = new ArrayList<>();
		if (model == null) {
			return runs;
		}
		for (JourneySimulation journey : journeys) {
			Path folder = runs.isEmpty() ? out : out.resolve(compared);
			Files.createDirectories(folder);
			BufferedWriter events = Files.newBufferedWriter(folder.resolve(EVENTS), StandardCharsets.UTF_8);
			SimulatedMarket market = new SimulatedMarket(model, journey.plan(), events);
			journey.answerWith(market);
			runs.add(new MarketRun(market, events, folder));
		}
		return runs;
	}

	/** Every market of a run: closed with it; {@link #finish} writes their figures and says what they did. */
	record All(List<MarketRun> runs) implements AutoCloseable {
		void finish(PrintWriter out) throws IOException {
			for (MarketRun run : runs) {
				run.events().flush();
				Files.writeString(run.folder().resolve(FIGURES), run.market().figuresJson());
				out.println((runs.size() > 1 && run != runs.get(0) ? "The second run's market: " : "") + run.market().summary()
						+ ": " + run.folder().resolve(EVENTS) + ", per entry " + run.folder().resolve(FIGURES));
			}
		}

		@Override
		public void close() throws IOException {
			for (MarketRun run : runs) {
				run.events().close();
			}
		}
	}
}
