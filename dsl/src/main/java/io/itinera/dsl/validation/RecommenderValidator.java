package io.itinera.dsl.validation;

import io.itinera.dsl.journey.FeatureDecl;
import io.itinera.dsl.journey.Given;
import io.itinera.dsl.journey.JourneyPackage;
import io.itinera.dsl.journey.ModelDecl;
import io.itinera.dsl.journey.RecommendationPart;
import io.itinera.dsl.journey.Sequence;
import io.itinera.dsl.journey.SymbolRef;
import org.eclipse.xtext.validation.Check;

/**
 * The shape of recommenders and their use: a recommender takes one sequence feature and declares
 * its items and scores outputs with the same K; only recommenders have items and ranked scores,
 * and a sequence feeds only a recommender. (The file itself: {@link ModelFileValidator}.)
 */
public class RecommenderValidator extends ComposedJourneyCheck {
	private static final JourneyPackage J = JourneyPackage.eINSTANCE;



	@Check
	public void recommenderShape(ModelDecl model) {
		if (model.getVocabulary() == null) {
			for (int i = 0; i < model.getInputs().size(); i++) {
				if (isSequence(model.getInputs().get(i))) {
					error("Feature '" + model.getInputs().get(i).getName() + "' is a sequence of items: it feeds a recommender,"
							+ " which names its vocabulary (`vocabulary \"models/items.txt\"`).",
							model, J.getModelDecl_Inputs(), i, JourneyIssueCodes.RECOMMENDER_DECLARATION);
				}
			}
			if (model.getScores() != null || !model.getExcept().isEmpty()) {
				error("Only a recommender has a scores output and `except`: add its `vocabulary \"FILE\"`.",
						model, J.getSymbol_Name(), JourneyIssueCodes.RECOMMENDER_DECLARATION);
			}
			return;
		}
		if (model.getInputs().size() != 1 || !isSequence(model.getInputs().get(0))) {
			error("A recommender takes one sequence feature, e.g. `feature recentItems = last 20 product_view.itemId`"
					+ " and `inputs recentItems`.", model, J.getModelDecl_Inputs(), JourneyIssueCodes.RECOMMENDER_DECLARATION);
		}
		if (model.getScores() == null) {
			error("A recommender reads two outputs: its items and their scores, e.g. `output items[10], scores[10]`.",
					model, J.getModelDecl_Output(), JourneyIssueCodes.RECOMMENDER_DECLARATION);
		} else if (model.getColumn() <= 0 || model.getColumn() != model.getScoresTop()) {
			error("Declare how many items the recommender returns, the same for both outputs: `output " + model.getOutput()
					+ "[10], " + model.getScores() + "[10]`.", model, J.getModelDecl_Output(),
					JourneyIssueCodes.RECOMMENDER_DECLARATION);
		}
	}

	@Check
	public void recommendationReadsARecommender(SymbolRef ref) {
		if (ref.getRecommended() == null || ref.getSymbol() == null || ref.getSymbol().eIsProxy()) {
			return;
		}
		String what = ref.getRecommended().getPart() == RecommendationPart.ITEMS ? "items" : "score";
		if (!(ref.getSymbol() instanceof ModelDecl model) || model.getVocabulary() == null) {
			error("'" + ref.getSymbol().getName() + "' is not a recommender: only a model with a vocabulary has `." + what
					+ "(n)`.", ref, J.getSymbolRef_Symbol(), JourneyIssueCodes.RECOMMENDER_USE);
			return;
		}
		int rank = ref.getRecommended().getRank();
		if (rank < 1 || (model.getColumn() > 0 && rank > model.getColumn())) {
			error("'" + model.getName() + "' returns " + model.getColumn() + " items: use ." + what + "(1) to ." + what + "("
					+ model.getColumn() + ").", ref, J.getSymbolRef_Recommended(), JourneyIssueCodes.RECOMMENDER_USE);
		}
	}

	@Check
	public void givenItemsAreForARecommender(Given given) {
		if (given.getItems() == null || given.getSymbol() == null || given.getSymbol().eIsProxy()) {
			return;
		}
		if (!(given.getSymbol() instanceof ModelDecl model)
				|| model.getVocabulary() == null && io.itinera.dsl.compiler.OfferModels.offersOf(model) == null) {
			error("A list of items is given to a recommender (or offers to an offer model); '" + given.getSymbol().getName()
					+ "' is neither.",
					given, J.getGiven_Symbol(), JourneyIssueCodes.GIVEN_TYPE_MISMATCH);
		}
	}

	static boolean isSequence(FeatureDecl feature) {
		return feature != null && !feature.eIsProxy() && feature.getDefinition() instanceof Sequence;
	}
}
