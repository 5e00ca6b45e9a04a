package io.itinera.runtime.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.SamplePlans;
import io.itinera.testmodels.OnnxTestModels;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxScorerProviderTest {
	@TempDir
	Path dir;

	@Test
	void isFoundThroughTheServiceLoader() {
		assertInstanceOf(io.itinera.runtime.scoring.remote.PlanScorerProvider.class, ServiceLoader.load(ScorerProvider.class).findFirst().orElseThrow());
	}

	@Test
	void turnsThePlansModelsIntoSpecs() {
		ModelSpec intent = OnnxScorerProvider.specs(SamplePlans.cartRecovery()).get("intent");
		assertEquals(Path.of("models/intent.onnx"), intent.file());
		assertEquals(List.of("views7d", "cartValue", "daysIdle"), intent.inputs());
		assertEquals("probability", intent.output());
		assertEquals(OptionalInt.of(1), intent.column());
	}

	@Test
	void loadsThePlansModelsRelativeToTheJourney() throws Exception {
		JourneyPlan plan = SamplePlans.cartRecovery();
		float[][] weights = {{0.1f, 0.4f}, {0.2f, -0.3f}, {-0.5f, 0.05f}};
		Path file = OnnxTestModels.softmaxRegression(dir.resolve("models/intent.onnx"), weights, new float[2]);
		OnnxTestModels.renameOutput(file, "output", "probability");
		try (Scorer scorer = new OnnxScorerProvider().scorerFor(plan, dir)) {
			float[] row = {2, 30, 1};
			assertEquals(OnnxTestModels.softmaxClassOne(row, weights, new float[2]),
					scorer.score("intent", new float[][] {row})[0], 1e-5);
		}
	}

	@Test
	void aModelThatCannotLoadIsAnErrorWithTheModelsName() {
		IllegalStateException error = assertThrows(IllegalStateException.class,
				() -> new OnnxScorerProvider().scorerFor(SamplePlans.cartRecovery(), dir));
		assertTrue(error.getMessage().startsWith("model intent: model file "), error.getMessage());
	}
}
