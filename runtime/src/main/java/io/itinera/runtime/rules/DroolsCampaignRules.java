package io.itinera.runtime.rules;

import io.itinera.runtime.plan.JourneyPlan;
import java.util.List;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

/**
 * A journey's campaign rules on Drools. The {@link KieBase} is built once and shared by all
 * threads; each thread keeps one session and empties it after every evaluation (cheaper than a
 * fresh stateless session per customer: see {@code RulesBenchmark}). No Drools clock or timers:
 * time reaches the rules only through the fact.
 */
public final class DroolsCampaignRules implements CampaignRules {
	private final KieBase kieBase;
	private final JourneyDrl drl;
	private final ThreadLocal<Session> sessions;

	public DroolsCampaignRules(KieBase kieBase, JourneyDrl drl) {
		this.kieBase = kieBase;
		this.drl = drl;
		this.sessions = ThreadLocal.withInitial(() -> new Session(kieBase.newKieSession()));
	}

	/**
	 * Generates and builds the plan's rules. A journey without campaigns gets {@link CampaignRules#NONE}.
	 *
	 * @throws DrlBuildException when Drools rejects the generated rules (a bug) or a raw block
	 */
	public static CampaignRules forPlan(JourneyPlan plan) {
		if (plan.campaigns().isEmpty()) {
			return NONE;
		}
		return build(plan);
	}

	/** Like {@link #forPlan} but always a Drools rule base, even an empty one. */
	public static DroolsCampaignRules build(JourneyPlan plan) {
		JourneyDrl drl = new DrlGenerator().generate(plan);
		return new DroolsCampaignRules(new RuleBaseBuilder().build(drl), drl);
	}

	public KieBase kieBase() {
		return kieBase;
	}

	public JourneyDrl drl() {
		return drl;
	}

	@Override
	public List<RuleAction> evaluate(CustomerFact customer) {
		Session session = sessions.get();
		FactHandle handle = session.kie.insert(customer);
		try {
			session.kie.fireAllRules();
		} catch (RuntimeException e) {
			session.decisions.clear();
			throw e;
		} finally {
			session.kie.delete(handle);
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
