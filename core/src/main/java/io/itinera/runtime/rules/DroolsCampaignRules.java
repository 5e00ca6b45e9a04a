package io.itinera.runtime.rules;

import io.itinera.runtime.plan.JourneyPlan;
import java.util.List;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.StatelessKieSession;
import org.kie.api.runtime.rule.FactHandle;

/**
 * A journey's campaign rules on Drools. The {@link KieBase} is built once and shared by all
 * threads; each thread keeps one session (its global bound once). Generated rules only match the
 * customer's fact, so each thread's stateful session inserts it, fires and deletes it again, which
 * leaves the session as empty as a new one: a third of the CPU and a third of the bytes of a
 * stateless session, which builds a working memory per execution (C1 and C2 alike, 2 and 20 rules;
 * on the plain-Drools baseline's 1M-event log 0.7 of its 2 GB allocated). Raw DRL may insert facts
 * of its own or move an agenda's focus, which would outlive one evaluation, so a journey with raw
 * DRL keeps a stateless session. A stateless session from {@code KieBase.newKieSessionsPool}, which
 * resets one working memory instead of building one per execution, is not equivalent: on that log
 * it decided 1,302 more actions (all suppressed by the cap) than this one. No Drools clock or
 * timers: time reaches the rules only through the fact.
 */
public final class DroolsCampaignRules implements CampaignRules {
	private final KieBase kieBase;
	private final JourneyDrl drl;
	private final ThreadLocal<Session> sessions;
	private final RuleFailures failures;

	public DroolsCampaignRules(KieBase kieBase, JourneyDrl drl) {
		this(kieBase, drl, null);
	}

	/** With the plan the rules come from, so that a rule failing at run time is named by its file and line. */
	public DroolsCampaignRules(KieBase kieBase, JourneyDrl drl, JourneyPlan plan) {
		this.kieBase = kieBase;
		this.drl = drl;
		this.failures = plan == null ? null : new RuleFailures(plan, drl);
		boolean generatedOnly = !drl.hasRawDrl();
		this.sessions = ThreadLocal.withInitial(() -> new Session(kieBase, generatedOnly));
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
		return new DroolsCampaignRules(new RuleBaseBuilder().build(drl), drl, plan);
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
		try {
			session.execute(customer);
		} catch (RuntimeException e) {
			session.decisions.clear();
			session.dispose(); // a session a rule failed in is not trusted to be empty: the thread's next one is new
			sessions.remove();
			throw explain(e);
		}
		return session.decisions.drain();
	}

	/** The facts this thread's session holds between evaluations: none, or one customer's fact would meet the next one's. */
	long factsHeld() {
		Session session = sessions.get();
		return session.stateful == null ? 0 : session.stateful.getFactCount();
	}

	/** What Drools threw, as a one-line error naming the rule's file and line (when the plan is known). */
	RuntimeException explain(RuntimeException error) {
		return failures == null || error instanceof RuleEvaluationException ? error : failures.explain(error);
	}

	private static final class Session {
		/** Null when the rules hold raw DRL. */
		final KieSession stateful;
		final StatelessKieSession stateless;
		final Decisions decisions = new Decisions();

		Session(KieBase kieBase, boolean generatedOnly) {
			this.stateful = generatedOnly ? kieBase.newKieSession() : null;
			this.stateless = generatedOnly ? null : kieBase.newStatelessKieSession();
			if (generatedOnly) {
				stateful.setGlobal("decisions", decisions);
			} else {
				stateless.setGlobal("decisions", decisions);
			}
		}

		void execute(CustomerFact customer) {
			if (stateful == null) {
				stateless.execute(customer);
				return;
			}
			FactHandle handle = stateful.insert(customer);
			try {
				stateful.fireAllRules();
			} finally {
				stateful.delete(handle);
			}
		}

		void dispose() {
			if (stateful != null) {
				stateful.dispose();
			}
		}
	}
}
