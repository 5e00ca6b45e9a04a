package io.itinera.dsl.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Inject;
import io.itinera.dsl.compiler.JourneyCompiler;
import io.itinera.dsl.journey.Journey;
import io.itinera.dsl.journey.JourneyPackage;
import io.itinera.dsl.tests.JourneyInjectorProvider;
import io.itinera.runtime.plan.Model;
import io.itinera.runtime.plan.PlanJson;
import io.itinera.testmodels.OnnxTestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.eclipse.xtext.testing.validation.ValidationTestHelper;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code device remote "URL" [fallback hold|N]}: what the editor says of it, and what the plan carries. */
@ExtendWith(InjectionExtension.class)
@InjectWith(JourneyInjectorProvider.class)
class RemoteModelValidatorTest {
	@Inject
	ParseHelper<Journey> parser;

	@Inject
	ValidationTestHelper validation;

	@Inject
	com.google.inject.Provider<XtextResourceSet> resourceSets;

	@TempDir
	Path dir;

	@BeforeEach
	void writeModel() throws Exception {
		OnnxTestModels.softmaxRegression(dir.resolve("models/intent.onnx"), new float[2][2], new float[2]);
	}

	@Test
	void aModelsAddressOnAServerIsCleanAndTheFallbackGoesIntoThePlan() throws Exception {
		Journey journey = journey("device remote \"http://${SCORING_HOST}:8000/v2/models/intent/versions/2\" fallback -0.5");
		assertEquals(List.of(), remoteIssues(journey));
		Model model = new JourneyCompiler().compile(journey).models().get(0);
		assertEquals(new Model.Remote("http://${SCORING_HOST}:8000/v2/models/intent/versions/2", -0.5), model.remote());
		assertEquals(model, PlanJson.read(PlanJson.write(new JourneyCompiler().compile(journey))).models().get(0));
	}

	@Test
	void holdIsTheDefaultAndAnInProcessModelWritesNoRemoteIntoThePlan() throws Exception {
		assertNull(new JourneyCompiler().compile(journey("device remote \"http://localhost:8000/v2/models/intent\" fallback hold"))
				.models().get(0).remote().fallbackScore());
		assertNull(new JourneyCompiler().compile(journey("device remote \"http://localhost:8000/v2/models/intent\"")).models()
				.get(0).remote().fallbackScore());
		String plan = PlanJson.write(new JourneyCompiler().compile(journey("device cpu")));
		assertTrue(!plan.contains("remote"), "a plan without remote models reads as before");
	}

	@Test
	void anAddressThatIsNotAModelsIsAnErrorWithAnExample() throws Exception {
		validation.assertError(journey("device remote \"localhost:8000/v2/models/intent\""), JourneyPackage.Literals.REMOTE_SCORING,
				JourneyIssueCodes.MODEL_REMOTE, "is not an http or https address",
				"for example \"http://localhost:8000/v2/models/intent\"");
		validation.assertError(journey("device remote \"http://localhost:8000/intent\""), JourneyPackage.Literals.REMOTE_SCORING,
				JourneyIssueCodes.MODEL_REMOTE, "is not a model's address (/v2/models/NAME, optionally /versions/V)");
	}

	private Journey journey(String device) throws Exception {
		String text = """
				journey Test {
				  entry on cart_add
				  event cart_add { price: decimal }
				  feature a = count(cart_add) over 7 days
				  feature b = sum(cart_add.price) over 7 days
				  model intent "models/intent.onnx" {
				    inputs a, b
				    output output[1]
				    %s
				  }
				  stage Start (awareness) { when intent > 0.5 -> Done }
				  stage Done (purchase) { }
				}
				""".formatted(device);
		Path file = dir.resolve("test.journey");
		Files.writeString(file, text);
		Journey journey = parser.parse(text, URI.createFileURI(file.toString()), resourceSets.get());
		assertTrue(journey.eResource().getErrors().isEmpty(), () -> journey.eResource().getErrors().toString());
		return journey;
	}

	private List<Issue> remoteIssues(Journey journey) {
		return validation.validate(journey).stream().filter(issue -> JourneyIssueCodes.MODEL_REMOTE.equals(issue.getCode()))
				.toList();
	}
}
