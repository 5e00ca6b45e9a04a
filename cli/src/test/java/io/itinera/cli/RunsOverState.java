package io.itinera.cli;

import io.itinera.cli.InProcessCli.Result;
import io.itinera.runtime.state.RocksDbStateStore;
import io.itinera.runtime.state.RunProgress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code itinera run} of a journey or a workspace over one log, again and again on one state (tests of changed journeys). */
record RunsOverState(Path log, Path out, Path state) {
	Result run(Path journey, String... more) {
		List<String> args = new ArrayList<>(List.of("run", journey.toString(), "--events", log.toString(), "--out", out.toString(),
				"--state", state.toString(), "--no-progress", "--workers", "2"));
		args.addAll(List.of(more));
		return InProcessCli.execute(args.toArray(String[]::new));
	}

	RunProgress progress() {
		try (RocksDbStateStore store = new RocksDbStateStore(state)) {
			return store.progress().orElseThrow();
		}
	}
}
