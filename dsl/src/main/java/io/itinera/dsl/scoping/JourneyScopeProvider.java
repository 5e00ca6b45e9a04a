package io.itinera.dsl.scoping;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.scoping.IScope;
import org.eclipse.xtext.scoping.Scopes;

import java.util.List;

import org.eclipse.xtext.naming.QualifiedName;
import org.eclipse.xtext.resource.IEObjectDescription;

import com.google.common.collect.Iterables;

import com.google.inject.Inject;

import io.itinera.dsl.journey.Aggregate;
import io.itinera.dsl.journey.Journey;
import io.itinera.dsl.journey.SegmentDecl;
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
 * else resolves by simple name within the journey (Xtext's default, relative to the journey). A segment
 * may also be one the folder's {@code itinera.workspace} declares ({@link SharedSegments}; the journey's own
 * wins), and a shared segment's condition names what the journey reading it declares.
 */
public class JourneyScopeProvider extends AbstractJourneyScopeProvider {
	@Inject
	private SharedSegments sharedSegments;

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
		if (SharedSegments.isShared(context) && reference == JourneyPackage.Literals.SYMBOL_REF__SYMBOL) {
			Journey host = SharedSegments.hostJourney(context.eResource().getResourceSet());
			return host == null ? IScope.NULLSCOPE : super.getScope(host, reference);
		}
		if (reference.getEReferenceType() == JourneyPackage.Literals.SEGMENT_DECL && !SharedSegments.isShared(context)) {
			List<SegmentDecl> shared = sharedSegments.of(context.eResource());
			IScope own = super.getScope(context, reference);
			return shared.isEmpty() ? own : new OwnThenShared(own, Scopes.scopeFor(shared));
		}
		return super.getScope(context, reference);
	}

	/** The journey's own segments first, then the workspace's (a name declared in both is an error, see SegmentValidator). */
	private record OwnThenShared(IScope own, IScope shared) implements IScope {
		@Override
		public IEObjectDescription getSingleElement(QualifiedName name) {
			IEObjectDescription found = own.getSingleElement(name);
			return found != null ? found : shared.getSingleElement(name);
		}

		@Override
		public Iterable<IEObjectDescription> getElements(QualifiedName name) {
			return Iterables.concat(own.getElements(name), shared.getElements(name));
		}

		@Override
		public IEObjectDescription getSingleElement(EObject object) {
			IEObjectDescription found = own.getSingleElement(object);
			return found != null ? found : shared.getSingleElement(object);
		}

		@Override
		public Iterable<IEObjectDescription> getElements(EObject object) {
			return Iterables.concat(own.getElements(object), shared.getElements(object));
		}

		@Override
		public Iterable<IEObjectDescription> getAllElements() {
			return Iterables.concat(own.getAllElements(), shared.getAllElements());
		}
	}

	private static IScope fieldsOf(EventDecl event) {
		if (event == null || event.eIsProxy()) {
			return IScope.NULLSCOPE;
		}
		return Scopes.scopeFor(event.getFields());
	}
}
