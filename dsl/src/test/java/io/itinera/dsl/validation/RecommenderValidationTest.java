package io.itinera.dsl.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Inject;
import io.itinera.dsl.journey.Journey;
import io.itinera.dsl.tests.JourneyInjectorProvider;
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

/** A recommender declaration against its real ONNX file and vocabulary; errors at the journey line. */
@ExtendWith(InjectionExtension.class)
@InjectWith(JourneyInjectorProvider.class)
class RecommenderValidationTest {
	/** The model declaration's line in {@link #text}. */
	private static final int MODEL_LINE = 6;

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
		OnnxTestModels.lastItemRecommender(dir.resolve("models/next.onnx"), new float[5][5], 4, 3);
		Files.write(dir.resolve("models/items.txt"), List.of("a", "b", "c", "d"));
	}

	@Test
	void aDeclarationThatFitsFileAndVocabularyHasNoIssues() throws Exception {
		assertEquals(List.of(), errors(journey(4, "items[3], scores[3]", "nextItems.items(2)")));
	}

	@Test
	void anotherKIsReportedAtTheModelLineNamingTheFix() throws Exception {
		List<Issue> errors = errors(journey(4, "items[5], scores[5]", "nextItems.items(2)"));
		assertEquals(2, errors.size(), errors::toString);
		assertTrue(errors.get(0).getMessage().contains("gives the top 3 items, not 5; declare items[3]"), errors.get(0).getMessage());
		assertTrue(errors.get(1).getMessage().contains("gives the top 3 scores, not 5; declare scores[3]"), errors.get(1).getMessage());
		for (Issue issue : errors) {
			assertEquals(JourneyIssueCodes.MODEL_SIGNATURE_MISMATCH, issue.getCode());
			assertEquals(MODEL_LINE + 3, issue.getLineNumber(), "the output line");
		}
	}

	@Test
	void anotherSequenceLengthIsReported() throws Exception {
		Issue issue = only(errors(journey(20, "items[3], scores[3]", "nextItems.items(2)")),
				JourneyIssueCodes.MODEL_SIGNATURE_MISMATCH);
		assertTrue(issue.getMessage().contains("the file takes the last 4 items"), issue.getMessage());
		assertTrue(issue.getMessage().contains("declare it as last 4"), issue.getMessage());
	}

	@Test
	void aVocabularyThatDoesNotFitTheModelIsReportedAtItsLine() throws Exception {
		Files.write(dir.resolve("models/items.txt"), List.of("a", "b", "c"));
		Issue issue = only(errors(journey(4, "items[3], scores[3]", "nextItems.items(2)")), JourneyIssueCodes.MODEL_VOCABULARY);
		assertTrue(issue.getMessage().contains("the model knows 5 item indices (padding included) but the vocabulary lists 3"),
				issue.getMessage());
		assertEquals(MODEL_LINE + 2, issue.getLineNumber(), "the vocabulary line");
	}

	@Test
	void aMissingVocabularyIsReported() throws Exception {
		Files.delete(dir.resolve("models/items.txt"));
		Issue issue = only(errors(journey(4, "items[3], scores[3]", "nextItems.items(2)")), JourneyIssueCodes.MODEL_VOCABULARY);
		assertTrue(issue.getMessage().contains("Vocabulary 'models/items.txt' cannot be read"), issue.getMessage());
	}

	@Test
	void anOutputTheFileLacksListsItsOutputs() throws Exception {
		Issue issue = only(errors(journey(4, "top[3], scores[3]", "nextItems.items(2)")),
				JourneyIssueCodes.MODEL_SIGNATURE_MISMATCH);
		assertTrue(issue.getMessage().contains("the file has no output 'top' for the items; its outputs are items: int64[?, 3]"),
				issue.getMessage());
	}

	@Test
	void readingPastKOrFromAScoringModelIsAnError() throws Exception {
		Issue past = only(errors(journey(4, "items[3], scores[3]", "nextItems.items(4)")), JourneyIssueCodes.RECOMMENDER_USE);
		assertTrue(past.getMessage().contains("returns 3 items: use .items(1) to .items(3)"), past.getMessage());
		Issue notOne = only(errors(journey(4, "items[3], scores[3]", "views.items(2)")), JourneyIssueCodes.RECOMMENDER_USE);
		assertTrue(notOne.getMessage().contains("'views' is not a recommender"), notOne.getMessage());
	}

	@Test
	void aRecommenderNeedsBothOutputsWithOneK() throws Exception {
		Issue issue = only(errors(journey(4, "items[3]", "nextItems.items(2)")), JourneyIssueCodes.RECOMMENDER_DECLARATION);
		assertTrue(issue.getMessage().contains("`output items[10], scores[10]`"), issue.getMessage());
	}

	private Journey journey(int length, String outputs, String items) throws Exception {
		String text = text(length, outputs, items);
		Path file = dir.resolve("test.journey");
		Files.writeString(file, text);
		Journey journey = parser.parse(text, URI.createFileURI(file.toString()), resourceSets.get());
		assertTrue(journey.eResource().getErrors().isEmpty(), () -> journey.eResource().getErrors().toString());
		return journey;
	}

	private static String text(int length, String outputs, String items) {
		return """
				journey Test {
				  entry on product_view
				  event product_view { itemId: string }
				  feature views = count(product_view)
				  feature recentItems = last %d product_view.itemId
				  model nextItems "models/next.onnx" {
				    inputs recentItems
				    vocabulary "models/items.txt"
				    output %s
				  }
				  stage Start (awareness) { }
				  campaign Picks in Start {
				    rule "Picks" when views > 0 and nextItems.score(1) > 0.3 then send email "picks" with items = %s
				  }
				}
				""".formatted(length, outputs, items);
	}

	private List<Issue> errors(Journey journey) {
		return validation.validate(journey).stream()
				.filter(issue -> issue.getSeverity() == org.eclipse.xtext.diagnostics.Severity.ERROR).toList();
	}

	private static Issue only(List<Issue> errors, String code) {
		List<Issue> matching = errors.stream().filter(issue -> code.equals(issue.getCode())).toList();
		assertEquals(1, matching.size(), () -> "expected one " + code + " in " + errors);
		return matching.get(0);
	}
}
