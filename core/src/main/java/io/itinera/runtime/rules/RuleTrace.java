package io.itinera.runtime.rules;

import java.util.ArrayList;
import java.util.List;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.MatchCreatedEvent;
import org.kie.api.runtime.StatelessKieSession;

/**
 * Campaign rules that remember each evaluation: the customer as the rules saw them, the rules whose
 * conditions held and those that fired (Drools' agenda events; a rule that held but did not fire
 * lost to an earlier rule of its campaign). For explaining one customer, never for a whole run:
 * it keeps every evaluation until {@link #drain()}. Single-threaded.
 */
public final class RuleTrace implements CampaignRules {
	/** One evaluation; rule names are Drools' ({@code "Campaign :: rule title"}). */
	public record Evaluation(CustomerFact customer, List<String> matched, List<String> fired, List<RuleAction> decided) {
	}

	private final CampaignRules plain;
	private final DroolsCampaignRules drools;
	private final StatelessKieSession session;
	private final Decisions decisions = new Decisions();
	private final List<Evaluation> evaluations = new ArrayList<>();
	private List<String> matched = new ArrayList<>();
	private List<String> fired = new ArrayList<>();

	/** Traces Drools rules rule by rule; any other rules only by what they decided. */
	public RuleTrace(CampaignRules rules) {
		if (rules instanceof DroolsCampaignRules drools) {
			this.plain = null;
			this.drools = drools;
			this.session = drools.kieBase().newStatelessKieSession();
			session.setGlobal("decisions", decisions);
			session.addEventListener(new DefaultAgendaEventListener() {
				@Override
				public void matchCreated(MatchCreatedEvent event) {
					matched.add(event.getMatch().getRule().getName());
				}

				@Override
				public void afterMatchFired(AfterMatchFiredEvent event) {
					fired.add(event.getMatch().getRule().getName());
				}
			});
		} else {
			this.plain = rules;
			this.drools = null;
			this.session = null;
		}
	}

	@Override
	public List<RuleAction> evaluate(CustomerFact customer) {
		List<RuleAction> decided;
		if (session == null) {
			decided = plain.evaluate(customer);
			for (RuleAction action : decided) {
				String name = action.campaign() + " :: " + action.rule();
				if (!fired.contains(name)) {
					matched.add(name);
					fired.add(name);
				}
			}
		} else {
			try {
				session.execute(customer);
			} catch (RuntimeException e) {
				decisions.clear();
				matched = new ArrayList<>();
				fired = new ArrayList<>();
				throw drools.explain(e);
			}
			decided = decisions.drain();
		}
		evaluations.add(new Evaluation(customer, List.copyOf(matched), List.copyOf(fired), List.copyOf(decided)));
		matched = new ArrayList<>();
		fired = new ArrayList<>();
		return decided;
	}

	/** The evaluations since the last call, in order; forgets them. */
	public List<Evaluation> drain() {
		List<Evaluation> out = List.copyOf(evaluations);
		evaluations.clear();
		return out;
	}
}
