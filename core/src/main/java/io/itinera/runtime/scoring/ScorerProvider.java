package io.itinera.runtime.scoring;

import io.itinera.runtime.plan.JourneyPlan;
import java.nio.file.Path;

/**
 * Builds the {@link Scorer} for a journey's models (paths relative to {@code journeyDirectory});
 * hosts find an implementation with {@link java.util.ServiceLoader} (the ONNX scorer registers one).
 */
public interface ScorerProvider {
	Scorer scorerFor(JourneyPlan plan, Path journeyDirectory);
}
