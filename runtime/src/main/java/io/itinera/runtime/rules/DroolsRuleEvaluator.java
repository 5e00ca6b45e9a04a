package io.itinera.runtime.rules;

import io.itinera.runtime.plan.JourneyPlan;
import java.util.List;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

/**
 * Runs a journey's campaign rules for one customer at a time. The {@link KieBase} is built once
 * and shared; each worker thread keeps one session and empties it after every evaluation (cheaper
 * than a fresh stateless session per customer; see the rules benchmark). No Drools clock or
 * timers: time reaches the rules only through the facts.
 */
public final class DroolsRuleEvaluator {
	private final KieBase kieBase;
	private final JourneyDrl drl;
	private final ThreadLocal<Session> sessions;

	private DroolsRuleEvaluator(KieBase kieBase, JourneyDrl drl) {
		this.kieBase = kieBase;
		this.drl = drl;
		this.sessions = ThreadLocal.withInitial(() -> new Session(kieBase.newKieSession()));
	}

	/** @throws DrlBuildException when Drools rejects the journey's rules */
	public static DroolsRuleEvaluator forPlan(JourneyPlan plan) {
		JourneyDrl drl = new DrlGenerator().generate(plan);
		return new DroolsRuleEvaluator(new RuleBaseBuilder().build(drl), drl);
	}

	public KieBase kieBase() {
		return kieBase;
	}

	public JourneyDrl drl() {
		return drl;
	}

	/** The actions the rules decide for this customer, in firing order (before caps and quiet hours). */
	public List<Decision> evaluate(Customer customer, Trigger trigger) {
		Session session = sessions.get();
		FactHandle customerHandle = session.kie.insert(customer);
		FactHandle triggerHandle = session.kie.insert(trigger);
		try {
			session.kie.fireAllRules();
		} finally {
			session.kie.delete(customerHandle);
			session.kie.delete(triggerHandle);
		}
		return session.decisions.drain();
	}

	private static final class Session {
		final KieSession kie;
		final Decisions decisions = new Decisions();

		Session(KieSession kie) {
			this.kie = kie;
			kie.setGlobal("decisions", decisions);
		}
	}
}
