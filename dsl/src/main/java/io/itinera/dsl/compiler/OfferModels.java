package io.itinera.dsl.compiler;

import io.itinera.dsl.journey.ModelDecl;
import io.itinera.dsl.journey.OfferChoice;
import io.itinera.runtime.plan.Action;
import io.itinera.runtime.plan.Expr;
import io.itinera.runtime.plan.Model;
import io.itinera.runtime.plan.SourceLocation;
import io.itinera.runtime.plan.TestCase;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.EcoreUtil2;

/**
 * A model that chooses offers ({@code best of OfferValue among "A", "B"}) has one output column per offer, in the
 * listed order. The plan declares it as one model per offer, {@code OfferValue[A]} reading column 0 and so on, so
 * every host scores it through the batched score requests it already has.
 */
public final class OfferModels {
	private OfferModels() {
	}

	/** The offers the journey's first {@code best of MODEL} lists, or null when no send chooses by this model. */
	public static List<String> offersOf(ModelDecl model) {
		for (OfferChoice choice : EcoreUtil2.getAllContentsOfType(EcoreUtil.getRootContainer(model), OfferChoice.class)) {
			if (choice.getModel() == model) {
				return List.copyOf(choice.getOffers());
			}
		}
		return null;
	}

	/** The model as the plan declares it: itself, or one model per offer, each reading its column. */
	static List<Model> asPlanned(Model model, List<String> offers) {
		if (offers == null) {
			return List.of(model);
		}
		List<Model> columns = new ArrayList<>();
		for (int i = 0; i < offers.size(); i++) {
			columns.add(new Model(Action.OfferChoice.scoreName(model.name(), offers.get(i)), model.path(), model.inputs(),
					model.output(), i, model.device(), model.location(), null, model.remote()));
		}
		return columns;
	}

	/** A test's {@code given customer with OfferValue = ["SAVE10" 5.2, "FREESHIP" 3.1]}: each offer's score. */
	static List<TestCase.Given> givenScores(String model, Expr.ItemsLit offers, SourceLocation at) {
		List<TestCase.Given> scores = new ArrayList<>();
		for (int i = 0; i < offers.items().size(); i++) {
			scores.add(new TestCase.Given(TestCase.SymbolKind.SCORE, Action.OfferChoice.scoreName(model, offers.items().get(i)),
					new Expr.NumberLit(offers.scores().get(i), at), at));
		}
		return scores;
	}

	/** The plan's offer choice for {@code param}, or null while its model does not resolve. */
	static Action.OfferChoice choice(String param, OfferChoice choice, SourceLocation at) {
		ModelDecl model = choice.getModel();
		if (model == null || model.eIsProxy() || model.getName() == null || param == null || choice.getOffers().isEmpty()) {
			return null;
		}
		BigDecimal explore = choice.getExplore();
		double rate = explore == null ? 0 : Math.max(0, Math.min(100, explore.doubleValue())) / 100;
		return new Action.OfferChoice(param, model.getName(), choice.getOffers(), rate, at);
	}
}
