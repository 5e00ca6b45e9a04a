package io.itinera.dsl.scoping;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.scoping.IScope;
import org.eclipse.xtext.scoping.Scopes;

import io.itinera.dsl.journey.Aggregate;
import io.itinera.dsl.journey.EventDecl;
import io.itinera.dsl.journey.ExceptSource;
import io.itinera.dsl.journey.Goal;
import io.itinera.dsl.journey.Sequence;
import io.itinera.dsl.journey.JourneyPackage;
import io.itinera.dsl.journey.SymbolRef;
import io.itinera.dsl.journey.TestEvent;

/**
 * Event fields are scoped to their event: {@code sum(cart_add.price)}, {@code purchase.amount},
 * a goal's {@code value amount} and a test's {@code on purchase with amount = 30} see only that event's fields. Everything
 * else resolves by simple name within the journey (Xtext's default, relative to the journey).
 */
public class JourneyScopeProvider extends AbstractJourneyScopeProvider {

	@Override
	public IScope getScope(EObject context, EReference reference) {
		if (reference == JourneyPackage.Literals.AGGREGATE__FIELD && context instanceof Aggregate aggregate) {
			return fieldsOf(aggregate.getEvent());
		}
		if (reference == JourneyPackage.Literals.GOAL__VALUE && context instanceof Goal goal) {
			return fieldsOf(goal.getEvent());
		}
		if (reference == JourneyPackage.Literals.SEQUENCE__FIELD && context instanceof Sequence sequence) {
			return fieldsOf(sequence.getEvent());
		}
		if (reference == JourneyPackage.Literals.EXCEPT_SOURCE__FIELD && context instanceof ExceptSource source) {
			return fieldsOf(source.getEvent());
		}
		if (reference == JourneyPackage.Literals.SYMBOL_REF__FIELD && context instanceof SymbolRef ref) {
			return ref.getSymbol() instanceof EventDecl event ? fieldsOf(event) : IScope.NULLSCOPE;
		}
		if (reference == JourneyPackage.Literals.FIELD_VALUE__FIELD) {
			TestEvent testEvent = EcoreUtil2.getContainerOfType(context, TestEvent.class);
			return testEvent == null ? IScope.NULLSCOPE : fieldsOf(testEvent.getEvent());
		}
		return super.getScope(context, reference);
	}

	private static IScope fieldsOf(EventDecl event) {
		if (event == null || event.eIsProxy()) {
			return IScope.NULLSCOPE;
		}
		return Scopes.scopeFor(event.getFields());
	}
}
