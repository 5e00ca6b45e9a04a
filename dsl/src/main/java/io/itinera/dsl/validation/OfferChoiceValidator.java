package io.itinera.dsl.validation;

import io.itinera.dsl.compiler.OfferModels;
import io.itinera.dsl.journey.BroadcastDecl;
import io.itinera.dsl.journey.Given;
import io.itinera.dsl.journey.JourneyPackage;
import io.itinera.dsl.journey.ModelDecl;
import io.itinera.dsl.journey.OfferChoice;
import io.itinera.dsl.journey.Param;
import io.itinera.dsl.journey.RecommendedEntry;
import io.itinera.dsl.journey.SendAction;
import io.itinera.dsl.journey.SymbolRef;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.validation.Check;

/**
 * {@code with coupon = best of OfferValue among "A", "B" [explore P%]}: in a campaign rule's send, once per send, distinct
 * offers, a rate of at most 100%, a scoring model (not a recommender) that chooses one list of offers and whose score
 * is read through its offers only. The file's output width is checked with the model's file (ModelFileValidator).
 */
public class OfferChoiceValidator extends ComposedJourneyCheck {
	private static final JourneyPackage J = JourneyPackage.eINSTANCE;

	@Check
	public void inACampaignSend(Param param) {
		if (param.getOffer() == null) {
			return;
		}
		if (!(param.eContainer() instanceof SendAction send) || EcoreUtil2.getContainerOfType(param, BroadcastDecl.class) != null) {
			error("'best of' chooses the offer of a campaign rule's send; a webhook or a broadcast cannot choose one: "
					+ "compute the value with an expression instead.", param, J.getParam_Offer(), JourneyIssueCodes.OFFER_CHOICE);
			return;
		}
		if (send.getParams().stream().filter(p -> p.getOffer() != null).count() > 1) {
			error("A send chooses one offer: keep one 'best of' in this send.", param, J.getParam_Offer(), JourneyIssueCodes.OFFER_CHOICE);
		}
	}

	@Check
	public void offersAndRate(OfferChoice choice) {
		Set<String> seen = new HashSet<>();
		for (String offer : choice.getOffers()) {
			if (!seen.add(offer)) {
				error("The offer \"" + offer + "\" is listed twice: list each offer once, in the order of the model's output columns.",
						choice, J.getOfferChoice_Offers(), JourneyIssueCodes.OFFER_CHOICE);
			}
		}
		BigDecimal explore = choice.getExplore();
		if (explore != null && explore.compareTo(BigDecimal.valueOf(100)) > 0) {
			error("'explore " + explore.toPlainString() + "%' is more than every message: give a rate from 0% to 100%.", choice,
					J.getOfferChoice_Explore(), JourneyIssueCodes.OFFER_CHOICE);
		}
		ModelDecl model = choice.getModel();
		if (model == null || model.eIsProxy()) {
			return;
		}
		if (model.getVocabulary() != null) {
			error("Model " + model.getName() + " is a recommender; 'best of' needs a model with one expected value per offer.",
					choice, J.getOfferChoice_Model(), JourneyIssueCodes.OFFER_CHOICE);
		}
		List<String> first = OfferModels.offersOf(model);
		if (first != null && !first.equals(choice.getOffers())) {
			error("Model " + model.getName() + " already chooses among " + String.join(", ", quoted(first))
					+ ": its output columns are those offers, so list the same offers in the same order.", choice,
					J.getOfferChoice_Offers(), JourneyIssueCodes.OFFER_CHOICE);
		}
	}

	@Check
	public void offerModelReadThroughItsOffers(SymbolRef ref) {
		if (ref.getSymbol() instanceof ModelDecl model && !model.eIsProxy() && OfferModels.offersOf(model) != null) {
			error("Model " + model.getName() + " scores offers (one value per offer): use it as 'best of " + model.getName()
					+ " among …' in a send, not as a score.", ref, J.getSymbolRef_Symbol(), JourneyIssueCodes.OFFER_CHOICE);
		}
	}

	/** {@code given customer with OfferValue = ["SAVE10" 5.2, "FREESHIP" 3.1]}: listed offers, each with its expected value. */
	@Check
	public void givenOfferScores(Given given) {
		if (given.getItems() == null || !(given.getSymbol() instanceof ModelDecl model) || model.eIsProxy()) {
			return;
		}
		List<String> offers = OfferModels.offersOf(model);
		if (offers == null) {
			return;
		}
		for (RecommendedEntry entry : given.getItems().getEntries()) {
			if (entry.getItem() != null && !offers.contains(entry.getItem())) {
				error("\"" + entry.getItem() + "\" is not an offer of " + model.getName() + ": give scores to " + String.join(", ", quoted(offers))
						+ ".", given, J.getGiven_Items(), JourneyIssueCodes.OFFER_CHOICE);
			} else if (entry.getScore() == null) {
				error("Give the offer \"" + entry.getItem() + "\" its expected value: [\"" + entry.getItem() + "\" 4.5, …].", given,
						J.getGiven_Items(), JourneyIssueCodes.OFFER_CHOICE);
			}
		}
	}

	private static List<String> quoted(List<String> offers) {
		return offers.stream().map(o -> "\"" + o + "\"").toList();
	}
}
