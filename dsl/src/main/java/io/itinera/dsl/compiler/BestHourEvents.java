package io.itinera.dsl.compiler;

import io.itinera.dsl.journey.BestHourClause;
import io.itinera.dsl.journey.EventDecl;
import io.itinera.dsl.journey.Journey;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.xtext.EcoreUtil2;

/**
 * The engagement events of {@code send … at best hour}: those its {@code from} names, else the
 * journey's events named {@code open} and {@code click} (what a message's answers are usually called).
 */
public final class BestHourEvents {
	public static final Set<String> DEFAULT = Set.of("open", "click");

	private BestHourEvents() {
	}

	/** Event names, in declared order; empty when there are none (an error the validator reports). */
	public static List<String> of(BestHourClause clause) {
		List<String> names = new ArrayList<>();
		if (!clause.getEvents().isEmpty()) {
			for (EventDecl event : clause.getEvents()) {
				if (event != null && !event.eIsProxy() && event.getName() != null && !names.contains(event.getName())) {
					names.add(event.getName());
				}
			}
			return names;
		}
		Journey journey = EcoreUtil2.getContainerOfType(clause, Journey.class);
		if (journey != null) {
			for (EventDecl event : EcoreUtil2.getAllContentsOfType(journey, EventDecl.class)) {
				if (DEFAULT.contains(event.getName()) && !names.contains(event.getName())) {
					names.add(event.getName());
				}
			}
		}
		return names;
	}
}
