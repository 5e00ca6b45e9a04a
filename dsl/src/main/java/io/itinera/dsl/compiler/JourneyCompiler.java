package io.itinera.dsl.compiler;

import io.itinera.dsl.journey.Aggregate;
import io.itinera.dsl.journey.RemoteScoring;
import io.itinera.dsl.journey.Arm;
import io.itinera.dsl.journey.Attribute;
import io.itinera.dsl.journey.Campaign;
import io.itinera.dsl.journey.Cap;
import io.itinera.dsl.journey.CustomerDecl;
import io.itinera.dsl.journey.Duration;
import io.itinera.dsl.journey.Entry;
import io.itinera.dsl.journey.EventDecl;
import io.itinera.dsl.journey.EventTransition;
import io.itinera.dsl.journey.Exit;
import io.itinera.dsl.journey.Expectation;
import io.itinera.dsl.journey.ExceptSource;
import io.itinera.dsl.journey.FeatureDecl;
import io.itinera.dsl.journey.RecommendedEntry;
import io.itinera.dsl.journey.RecommendedList;
import io.itinera.dsl.journey.Sequence;
import io.itinera.dsl.journey.Field;
import io.itinera.dsl.journey.FieldValue;
import io.itinera.dsl.journey.Given;
import io.itinera.dsl.journey.GoalExpectation;
import io.itinera.dsl.journey.PhaseList;
import io.itinera.dsl.journey.TestAdvance;
import io.itinera.dsl.journey.TestMoment;
import io.itinera.dsl.journey.TestStep;
import io.itinera.dsl.journey.Delivery;
import io.itinera.dsl.journey.Goal;
import io.itinera.dsl.journey.Journey;
import io.itinera.dsl.journey.JourneyElement;
import io.itinera.dsl.journey.JourneyPackage;
import io.itinera.dsl.journey.ModelDecl;
import io.itinera.dsl.journey.NothingExpectation;
import io.itinera.dsl.journey.Param;
import io.itinera.dsl.journey.QuietHours;
import io.itinera.dsl.journey.Recency;
import io.itinera.dsl.journey.Reentry;
import io.itinera.dsl.journey.Rule;
import io.itinera.dsl.journey.ScoreTransition;
import io.itinera.dsl.journey.SendAction;
import io.itinera.dsl.journey.SendExpectation;
import io.itinera.dsl.journey.SinceWindow;
import io.itinera.dsl.journey.SlidingWindow;
import io.itinera.dsl.journey.Split;
import io.itinera.dsl.journey.Stage;
import io.itinera.dsl.journey.StageExpectation;
import io.itinera.dsl.journey.TagAction;
import io.itinera.dsl.journey.TagExpectation;
import io.itinera.dsl.journey.TestCase;
import io.itinera.dsl.journey.TestEvent;
import io.itinera.dsl.journey.TimerTransition;
import io.itinera.dsl.journey.Transition;
import io.itinera.dsl.journey.UntagAction;
import io.itinera.dsl.journey.WebhookAction;
import io.itinera.runtime.plan.Action;
import io.itinera.runtime.plan.AggregateKind;
import io.itinera.runtime.plan.Channel;
import io.itinera.runtime.plan.Device;
import io.itinera.runtime.plan.EventType;
import io.itinera.runtime.plan.Expr;
import io.itinera.runtime.plan.Feature;
import io.itinera.runtime.plan.FeatureWindow;
import io.itinera.runtime.plan.FieldDecl;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.Model;
import io.itinera.runtime.plan.SourceLocation;
import io.itinera.runtime.plan.ValueType;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;

/**
 * Turns a parsed journey into a {@link JourneyPlan}. Works on broken input too (the validator
 * compiles every edit): an element whose references do not resolve is left out, never guessed.
 */
public final class JourneyCompiler {

	/** A plan together with the syntax element each plan element came from. */
	public record Compilation(JourneyPlan plan, Map<Object, EObject> sources) {
		/** The syntax element a plan element (a stage, a transition…) was compiled from, or null. */
		public EObject sourceOf(Object planElement) {
			return sources.get(planElement);
		}
	}

	public JourneyPlan compile(Journey journey) {
		return compileWithSources(journey).plan();
	}

	public Compilation compileWithSources(Journey journey) {
		return new Run().compile(journey);
	}

	/** How many items an {@code except E.f} remembers: enough for any cart or recent orders. */
	static final int EXCEPT_LENGTH = 50;

	/** One compilation: collects the plan's parts and where each came from. */
	private static final class Run {
		private final Map<Object, EObject> sources = new IdentityHashMap<>();
		private final ExpressionCompiler expressions = new ExpressionCompiler();
		/** The sequences {@code except E.f} clauses keep, by name: plan features no one wrote. */
		private final Map<String, Feature> exceptSequences = new java.util.LinkedHashMap<>();

		Compilation compile(Journey journey) {
			expressions.readSharedSegmentsFor(journey);
			io.itinera.runtime.plan.Entry entry = null;
			io.itinera.runtime.plan.Reentry reentry = null;
			List<io.itinera.runtime.plan.Exit> exits = new ArrayList<>();
			io.itinera.runtime.plan.Goal goal = null;
			List<io.itinera.runtime.plan.Attribute> attributes = new ArrayList<>();
			List<EventType> events = new ArrayList<>();
			List<Feature> features = new ArrayList<>();
			List<Model> models = new ArrayList<>();
			List<io.itinera.runtime.plan.Stage> stages = new ArrayList<>();
			List<io.itinera.runtime.plan.Campaign> campaigns = new ArrayList<>();
			List<io.itinera.runtime.plan.Split> splits = new ArrayList<>();
			List<io.itinera.runtime.plan.TestCase> tests = new ArrayList<>();
			List<String> phases = null;
			io.itinera.runtime.plan.Migration migration = null;
			io.itinera.runtime.plan.Priority priority = null;
			List<io.itinera.runtime.plan.Topic> topics = new ArrayList<>();
			List<io.itinera.runtime.plan.Segment> segments = new ArrayList<>();
			List<io.itinera.runtime.plan.Broadcast> broadcasts = new ArrayList<>();

			for (JourneyElement element : journey.getElements()) {
				if (element instanceof Entry e && entry == null) {
					entry = entry(e);
				} else if (element instanceof Reentry r && reentry == null) {
					reentry = track(r, r.isNever() || r.getDelay() == null
							? io.itinera.runtime.plan.Reentry.never(at(r))
							: io.itinera.runtime.plan.Reentry.after(millis(r.getDelay()), at(r)));
				} else if (element instanceof Exit x) {
					addIfPresent(exits, exit(x));
				} else if (element instanceof io.itinera.dsl.journey.PriorityDecl p && priority == null) {
					priority = track(p, new io.itinera.runtime.plan.Priority(p.getLevel(),
							p.isHold() ? io.itinera.runtime.plan.Priority.OnConflict.HOLD : io.itinera.runtime.plan.Priority.OnConflict.DROP,
							at(p)));
				} else if (element instanceof io.itinera.dsl.journey.TopicDecl t && t.getName() != null) {
					topics.add(track(t, new io.itinera.runtime.plan.Topic(t.getName(), channel(t.getChannel()),
							io.itinera.runtime.plan.Topic.Kind.valueOf(t.getKind().name()), at(t))));
				} else if (element instanceof PhaseList p && phases == null) {
					phases = new ArrayList<>(p.getPhases());
					phases.removeIf(java.util.Objects::isNull);
				} else if (element instanceof Goal g && goal == null) {
					goal = goal(g);
				} else if (element instanceof CustomerDecl c) {
					for (Attribute attribute : c.getAttributes()) {
						if (attribute.getName() != null) {
							attributes.add(track(attribute, new io.itinera.runtime.plan.Attribute(attribute.getName(),
									valueType(attribute.getType()), at(attribute))));
						}
					}
				} else if (element instanceof EventDecl e && e.getName() != null) {
					events.add(event(e));
				} else if (element instanceof io.itinera.dsl.journey.SegmentDecl s && s.getName() != null) {
					addIfPresent(segments, segment(s));
				} else if (element instanceof io.itinera.dsl.journey.BroadcastDecl b && b.getName() != null) {
					addIfPresent(broadcasts, broadcast(b));
				} else if (element instanceof FeatureDecl f) {
					addIfPresent(features, feature(f));
				} else if (element instanceof ModelDecl m) {
					Model model = model(m);
					if (model != null) {
						models.addAll(OfferModels.asPlanned(model, OfferModels.offersOf(m)));
					}
				} else if (element instanceof Stage s && s.getName() != null) {
					stages.add(stage(s));
				} else if (element instanceof Campaign c && c.getName() != null) {
					campaigns.add(campaign(c));
				} else if (element instanceof Split s) {
					addIfPresent(splits, split(s));
				} else if (element instanceof TestCase t) {
					addIfPresent(tests, test(t));
				} else if (element instanceof io.itinera.dsl.journey.Migration m && migration == null) {
					migration = migration(m);
				}
			}
			features.addAll(exceptSequences.values());
			for (io.itinera.dsl.journey.SegmentDecl shared : io.itinera.dsl.scoping.SharedSegments.usedBy(journey)) {
				addIfPresent(segments, segment(shared));
			}
			if (entry != null && entry.stage() == null && !stages.isEmpty()) {
				io.itinera.runtime.plan.Entry defaulted = new io.itinera.runtime.plan.Entry(entry.event(), entry.condition(),
						stages.get(0).name(), entry.location(), entry.segment());
				sources.put(defaulted, sources.get(entry));
				entry = defaulted;
			}
			if (reentry == null) {
				reentry = io.itinera.runtime.plan.Reentry.never(at(journey));
			}
			if (!topics.isEmpty() || namesATopic(campaigns) || broadcasts.stream().anyMatch(b -> b.send().topic() != null)) {
				// the events that change consent are read for every journey that has topics, declared or not
				for (EventType consentEvent : io.itinera.runtime.step.ConsentPolicy.consentEvents(at(journey))) {
					if (events.stream().noneMatch(e -> e.name().equals(consentEvent.name()))) {
						events.add(consentEvent);
					}
				}
			}
			JourneyPlan plan = new JourneyPlan(JourneyPlan.FORMAT_VERSION, journey.getName(), journey.getTitle(), at(journey),
					entry, reentry, exits, goal, attributes, events, features, models, stages, campaigns, splits, tests, phases, migration,
					priority, topics, segments, broadcasts);
			sources.put(plan, journey);
			return new Compilation(plan, sources);
		}

		private static boolean namesATopic(List<io.itinera.runtime.plan.Campaign> campaigns) {
			for (io.itinera.runtime.plan.Campaign campaign : campaigns) {
				if (campaign.topic() != null || campaign.rules().stream().flatMap(r -> r.actions().stream())
						.anyMatch(a -> a instanceof Action.Send send && send.topic() != null)) {
					return true;
				}
			}
			return false;
		}

		private <T> T track(EObject source, T planElement) {
			sources.put(planElement, source);
			return planElement;
		}

		private static <T> void addIfPresent(List<T> list, T element) {
			if (element != null) {
				list.add(element);
			}
		}

		private io.itinera.runtime.plan.Migration migration(io.itinera.dsl.journey.Migration m) {
			List<io.itinera.runtime.plan.Migration.StageMapping> mappings = new ArrayList<>();
			for (io.itinera.dsl.journey.StageMapping mapping : m.getMappings()) {
				String to = mapping.isExit() ? null : name(mapping.getTo());
				if (mapping.getFrom() != null && (mapping.isExit() || to != null)) {
					mappings.add(track(mapping, new io.itinera.runtime.plan.Migration.StageMapping(mapping.getFrom(), to, at(mapping))));
				}
			}
			io.itinera.runtime.plan.Migration.TimerBasis timers = written(m, JourneyPackage.Literals.MIGRATION__TIMER_BASIS)
					? io.itinera.runtime.plan.Migration.TimerBasis.valueOf(m.getTimerBasis().getName())
					: io.itinera.runtime.plan.Migration.TimerBasis.ENTRY;
			return track(m, new io.itinera.runtime.plan.Migration(mappings, timers, at(m)));
		}

		private io.itinera.runtime.plan.Segment segment(io.itinera.dsl.journey.SegmentDecl s) {
			Expr condition = expressions.segment(s);
			return condition == null ? null
					: track(s, new io.itinera.runtime.plan.Segment(s.getName(), s.getTitle(), condition, at(s)));
		}

		private io.itinera.runtime.plan.Broadcast broadcast(io.itinera.dsl.journey.BroadcastDecl b) {
			String segment = b.getSegment() == null ? null : name(b.getSegment());
			Action send = b.getSend() == null ? null : action(b.getSend());
			Integer minute = TextValues.minuteOfDay(b.getTime());
			if (segment == null || !(send instanceof Action.Send message) || minute == null) {
				return null; // the validator and the linker say why
			}
			int weekday = b.isDaily() ? 0 : b.getWeekday().getValue() + 1;
			return track(b, new io.itinera.runtime.plan.Broadcast(b.getName(), b.getTitle(), weekday, minute, segment, message, at(b)));
		}

		private io.itinera.runtime.plan.Entry entry(Entry e) {
			String segment = e.getSegment() == null ? null : name(e.getSegment());
			String event = name(e.getEvent());
			if (event == null && segment == null) {
				return null;
			}
			Condition condition = condition(e.getCondition());
			if (condition.broken()) {
				return null;
			}
			String stage = e.getStage() == null ? null : name(e.getStage());
			if (e.getStage() != null && stage == null) {
				return null;
			}
			return track(e, new io.itinera.runtime.plan.Entry(segment == null ? event : null, condition.expr(), stage, at(e), segment));
		}

		private io.itinera.runtime.plan.Exit exit(Exit x) {
			String event = name(x.getEvent());
			Condition condition = condition(x.getCondition());
			if (event == null || condition.broken()) {
				return null;
			}
			return track(x, new io.itinera.runtime.plan.Exit(event, condition.expr(), at(x)));
		}

		private io.itinera.runtime.plan.Goal goal(Goal g) {
			String event = name(g.getEvent());
			Condition condition = condition(g.getCondition());
			String value = g.getValue() == null ? null : name(g.getValue());
			if (event == null || condition.broken() || g.getWindow() == null || (g.getValue() != null && value == null)) {
				return null;
			}
			long window = millis(g.getWindow());
			Long afterSend = g.isAfterSend() ? Long.valueOf(window) : g.getSendWindow() == null ? null : millis(g.getSendWindow());
			return track(g, new io.itinera.runtime.plan.Goal(event, condition.expr(), window, value, afterSend, at(g)));
		}

		private EventType event(EventDecl e) {
			List<FieldDecl> fields = new ArrayList<>();
			for (Field field : e.getFields()) {
				if (field.getName() != null) {
					fields.add(track(field, new FieldDecl(field.getName(), valueType(field.getType()), at(field))));
				}
			}
			return track(e, new EventType(e.getName(), fields, at(e)));
		}

		private Feature feature(FeatureDecl f) {
			if (f.getName() == null || f.getDefinition() == null) {
				return null;
			}
			if (f.getDefinition() instanceof Sequence sequence) {
				String event = name(sequence.getEvent());
				String field = name(sequence.getField());
				if (event == null || field == null || sequence.getLength() <= 0) {
					return null;
				}
				return track(f, Feature.sequence(f.getName(), event, field, sequence.getLength(), at(f)));
			}
			if (f.getDefinition() instanceof Recency recency) {
				String event = name(recency.getEvent());
				if (event == null) {
					return null;
				}
				AggregateKind kind = recency.isFirst() ? AggregateKind.DAYS_SINCE_FIRST
						: recency.isPrevious() ? AggregateKind.DAYS_SINCE_PREVIOUS : AggregateKind.DAYS_SINCE;
				return track(f, new Feature(f.getName(), kind, event, null, new FeatureWindow.Lifetime(), at(f)));
			}
			Aggregate aggregate = (Aggregate) f.getDefinition();
			String event = name(aggregate.getEvent());
			String field = aggregate.getField() == null ? null : name(aggregate.getField());
			if (event == null || (aggregate.getField() != null && field == null)) {
				return null;
			}
			FeatureWindow window = new FeatureWindow.Lifetime();
			if (aggregate.getWindow() instanceof SlidingWindow sliding && sliding.getLength() != null) {
				window = new FeatureWindow.Sliding(millis(sliding.getLength()));
			} else if (aggregate.getWindow() instanceof SinceWindow since) {
				String resetEvent = name(since.getEvent());
				if (resetEvent == null) {
					return null;
				}
				window = new FeatureWindow.SinceLast(resetEvent);
			}
			AggregateKind kind = AggregateKind.valueOf(aggregate.getFunction().getName());
			return track(f, new Feature(f.getName(), kind, event, field, window, at(f)));
		}

		private Model model(ModelDecl m) {
			if (m.getName() == null) {
				return null;
			}
			List<String> inputs = new ArrayList<>();
			for (FeatureDecl input : m.getInputs()) {
				String inputName = name(input);
				if (inputName == null) {
					return null;
				}
				inputs.add(inputName);
			}
			Integer column = written(m, JourneyPackage.Literals.MODEL_DECL__COLUMN) ? m.getColumn() : null;
			Device device = Device.valueOf(m.getDevice().getName());
			Model.Recommender recommender = null;
			if (m.getVocabulary() != null) {
				List<String> except = new ArrayList<>();
				for (ExceptSource source : m.getExcept()) {
					String event = name(source.getEvent());
					String field = name(source.getField());
					if (event == null || field == null) {
						return null;
					}
					String sequence = Feature.exceptionSequenceName(event, field);
					exceptSequences.putIfAbsent(sequence, Feature.sequence(sequence, event, field, EXCEPT_LENGTH, at(source)));
					except.add(sequence);
				}
				recommender = new Model.Recommender(m.getVocabulary(), m.getScores(), except);
			}
			return track(m, new Model(m.getName(), m.getPath(), inputs, m.getOutput(), column, device, at(m), recommender,
					remote(m.getRemote())));
		}

		private static Model.Remote remote(RemoteScoring remote) {
			if (remote == null) {
				return null;
			}
			return new Model.Remote(remote.getUrl(), remote.isHold() || remote.getScore() == null ? null : remote.getScore().doubleValue());
		}

		private io.itinera.runtime.plan.Stage stage(Stage s) {
			List<io.itinera.runtime.plan.Transition> transitions = new ArrayList<>();
			for (Transition transition : s.getTransitions()) {
				addIfPresent(transitions, transition(transition));
			}
			return track(s, new io.itinera.runtime.plan.Stage(s.getName(), s.getPhase(), transitions, at(s)));
		}

		private io.itinera.runtime.plan.Transition transition(Transition transition) {
			if (transition instanceof EventTransition t) {
				String event = name(t.getEvent());
				String target = name(t.getTarget());
				Condition condition = condition(t.getCondition());
				if (event == null || target == null || condition.broken()) {
					return null;
				}
				return track(t, new io.itinera.runtime.plan.Transition.OnEvent(event, condition.expr(), target, at(t)));
			}
			if (transition instanceof io.itinera.dsl.journey.SegmentTransition t) {
				String segment = name(t.getSegment());
				String target = name(t.getTarget());
				if (segment == null || target == null) {
					return null;
				}
				return track(t, new io.itinera.runtime.plan.Transition.OnSegment(segment, t.isLeaving(), target, at(t)));
			}
			if (transition instanceof TimerTransition t) {
				String target = name(t.getTarget());
				if (target == null || t.getDelay() == null) {
					return null;
				}
				return track(t, new io.itinera.runtime.plan.Transition.AfterDelay(millis(t.getDelay()), target, at(t)));
			}
			ScoreTransition t = (ScoreTransition) transition;
			String target = name(t.getTarget());
			Condition condition = condition(t.getCondition());
			if (target == null || condition.broken() || condition.expr() == null) {
				return null;
			}
			io.itinera.runtime.plan.Transition.Hysteresis hysteresis = null;
			if (t.getHysteresis() != null && t.getHysteresis().getThreshold() != null) {
				hysteresis = new io.itinera.runtime.plan.Transition.Hysteresis(
						io.itinera.runtime.plan.Transition.Direction.valueOf(t.getHysteresis().getDirection().getName()),
						t.getHysteresis().getThreshold().doubleValue());
			}
			return track(t, new io.itinera.runtime.plan.Transition.WhenScore(condition.expr(), hysteresis, target, at(t)));
		}

		private io.itinera.runtime.plan.Campaign campaign(Campaign c) {
			List<String> stages = new ArrayList<>();
			for (Stage stage : c.getStages()) {
				addIfPresent(stages, name(stage));
			}
			List<io.itinera.runtime.plan.Cap> caps = new ArrayList<>();
			for (Cap cap : c.getCaps()) {
				if (cap.getPeriod() != null) {
					Channel channel = written(cap, JourneyPackage.Literals.CAP__CHANNEL) ? channel(cap.getChannel()) : null;
					caps.add(track(cap, new io.itinera.runtime.plan.Cap(cap.getLimit(), millis(cap.getPeriod()), channel, at(cap))));
				}
			}
			io.itinera.runtime.plan.QuietHours quietHours = quietHours(c.getQuietHours());
			List<io.itinera.runtime.plan.CampaignRule> rules = new ArrayList<>();
			for (Rule rule : c.getRules()) {
				addIfPresent(rules, rule(rule));
			}
			String drl = c.getDrl() == null ? null : TextValues.tripleQuoted(c.getDrl().getSource());
			Long every = c.getSchedule() == null || c.getSchedule().getPeriod() == null ? null : millis(c.getSchedule().getPeriod());
			return track(c, new io.itinera.runtime.plan.Campaign(c.getName(), stages, caps, quietHours, rules, drl, at(c), every,
					c.getTopic()));
		}

		private Action.BestHour bestHour(io.itinera.dsl.journey.BestHourClause clause) {
			if (clause == null) {
				return null;
			}
			Integer fallback = clause.getFallback() == null ? Integer.valueOf(-1) : TextValues.minuteOfDay(clause.getFallback());
			long within = clause.getWithin() == null ? Action.BestHour.DEFAULT_WITHIN_MILLIS : millis(clause.getWithin());
			return track(clause, new Action.BestHour(BestHourEvents.of(clause), fallback == null ? -1 : fallback, within, at(clause)));
		}

		private io.itinera.runtime.plan.QuietHours quietHours(QuietHours q) {
			if (q == null) {
				return null;
			}
			Integer start = TextValues.minuteOfDay(q.getStart());
			Integer end = TextValues.minuteOfDay(q.getEnd());
			if (start == null || end == null) {
				return null;
			}
			return track(q, new io.itinera.runtime.plan.QuietHours(start, end, at(q)));
		}

		private io.itinera.runtime.plan.CampaignRule rule(Rule r) {
			Condition condition = r.isOtherwise() ? Condition.NONE : condition(r.getCondition());
			if (condition.broken() || (!r.isOtherwise() && condition.expr() == null)) {
				return null;
			}
			List<Action> actions = new ArrayList<>();
			for (io.itinera.dsl.journey.Action action : r.getActions()) {
				Action compiled = action(action);
				if (compiled == null) {
					return null;
				}
				actions.add(compiled);
			}
			return track(r, new io.itinera.runtime.plan.CampaignRule(r.getTitle(), condition.expr(), r.isOtherwise(), actions, at(r)));
		}

		private Action action(io.itinera.dsl.journey.Action action) {
			if (action instanceof SendAction send) {
				List<Action.Param> params = params(send.getParams());
				return params == null ? null
						: track(send, new Action.Send(channel(send.getChannel()), send.getTemplate(), params, at(send), send.getTopic(),
								bestHour(send.getBestHour()), offerChoice(send.getParams())));
			}
			if (action instanceof TagAction tag) {
				return track(tag, new Action.Tag(tag.getTag(), at(tag)));
			}
			if (action instanceof UntagAction untag) {
				return track(untag, new Action.Untag(untag.getTag(), at(untag)));
			}
			WebhookAction webhook = (WebhookAction) action;
			List<Action.Param> params = params(webhook.getParams());
			return params == null ? null : track(webhook, new Action.Webhook(webhook.getUrl(), params, at(webhook)));
		}

		private List<Action.Param> params(List<Param> params) {
			List<Action.Param> compiled = new ArrayList<>();
			for (Param param : params) {
				if (param.getOffer() != null) {
					continue; // the send's offer choice
				}
				Expr value = expressions.compile(param.getValue());
				if (value == null || param.getName() == null) {
					return null;
				}
				compiled.add(track(param, new Action.Param(param.getName(), value, at(param))));
			}
			return compiled;
		}

		private Action.OfferChoice offerChoice(List<Param> params) {
			for (Param param : params) {
				if (param.getOffer() != null) {
					Action.OfferChoice choice = OfferModels.choice(param.getName(), param.getOffer(), at(param));
					return choice == null ? null : track(param, choice);
				}
			}
			return null;
		}

		private io.itinera.runtime.plan.Split split(Split s) {
			String stage = name(s.getStage());
			if (s.getName() == null || stage == null) {
				return null;
			}
			List<io.itinera.runtime.plan.Split.Arm> arms = new ArrayList<>();
			for (Arm arm : s.getArms()) {
				String campaign = arm.isHoldout() ? null : name(arm.getCampaign());
				if (!arm.isHoldout() && campaign == null) {
					return null;
				}
				arms.add(track(arm, new io.itinera.runtime.plan.Split.Arm(arm.getPercent(), campaign, arm.isHoldout(), at(arm))));
			}
			io.itinera.runtime.plan.Split.AutoWinner learning = null;
			io.itinera.dsl.journey.AutoWinner auto = s.getAutoWinner();
			if (auto != null) {
				learning = new io.itinera.runtime.plan.Split.AutoWinner(
						auto.getMinPerArm() > 0 ? auto.getMinPerArm() : io.itinera.runtime.plan.Split.AutoWinner.DEFAULT_MIN_PER_ARM,
						auto.getConfidence() > 0 ? auto.getConfidence() : io.itinera.runtime.plan.Split.AutoWinner.DEFAULT_CONFIDENCE,
						auto.getEvery() != null ? millis(auto.getEvery()) : io.itinera.runtime.plan.Split.AutoWinner.DEFAULT_EVERY_MILLIS);
			}
			return track(s, new io.itinera.runtime.plan.Split(s.getName(), stage, arms, at(s), learning));
		}

		/**
		 * The plan keeps a test's first time of day, event and expectations in their own fields (the
		 * one-step form) and everything after them as steps.
		 */
		private static Expr.ItemsLit items(RecommendedList list) {
			List<String> items = new ArrayList<>();
			List<Double> scores = new ArrayList<>();
			for (RecommendedEntry entry : list.getEntries()) {
				if (entry.getItem() == null) {
					return null;
				}
				items.add(entry.getItem());
				scores.add(entry.getScore() == null ? Double.NaN : entry.getScore().doubleValue());
			}
			return new Expr.ItemsLit(items, scores, at(list));
		}

		private io.itinera.runtime.plan.TestCase test(TestCase t) {
			String stage = null;
			if (t.getStage() != null) {
				stage = name(t.getStage());
				if (stage == null) {
					return null;
				}
			}
			List<io.itinera.runtime.plan.TestCase.Given> givens = new ArrayList<>();
			for (Given given : t.getGivens()) {
				io.itinera.runtime.plan.TestCase.SymbolKind kind = symbolKind(given.getSymbol());
				Expr value = expressions.compile(given.getValue());
				if (given.getItems() != null && given.getSymbol() instanceof ModelDecl model && OfferModels.offersOf(model) != null) {
					Expr.ItemsLit offers = items(given.getItems());
					if (offers == null) {
						return null;
					}
					givens.addAll(OfferModels.givenScores(model.getName(), offers, at(given)));
					continue;
				}
				if (given.getItems() != null) {
					kind = given.getSymbol() instanceof ModelDecl ? io.itinera.runtime.plan.TestCase.SymbolKind.RECOMMENDATIONS : null;
					value = items(given.getItems());
				}
				if (kind == null || value == null) {
					return null;
				}
				givens.add(track(given, new io.itinera.runtime.plan.TestCase.Given(kind, name(given.getSymbol()), value, at(given))));
			}
			List<io.itinera.runtime.plan.TestCase.Step> steps = new ArrayList<>();
			for (TestStep step : t.getSteps()) {
				io.itinera.runtime.plan.TestCase.Step compiled = testStep(step);
				if (compiled == null) {
					return null;
				}
				steps.add(compiled);
			}
			int next = 0;
			Integer time = null;
			if (next < steps.size() && steps.get(next) instanceof io.itinera.runtime.plan.TestCase.At first && first.date() == null) {
				time = first.minuteOfDay();
				next++;
			}
			io.itinera.runtime.plan.TestCase.TestEvent event = null;
			if (next < steps.size() && steps.get(next) instanceof io.itinera.runtime.plan.TestCase.On on) {
				event = on.event();
				next++;
			}
			List<io.itinera.runtime.plan.TestCase.Expectation> expectations = new ArrayList<>();
			while (next < steps.size() && steps.get(next) instanceof io.itinera.runtime.plan.TestCase.Expect expect) {
				expectations.add(expect.expectation());
				next++;
			}
			List<io.itinera.runtime.plan.TestCase.ArmWeight> armWeights = new ArrayList<>();
			for (io.itinera.dsl.journey.GivenArmWeights given : t.getArmWeights()) {
				for (io.itinera.dsl.journey.ArmWeight weight : given.getWeights()) {
					String campaign = name(weight.getCampaign());
					if (campaign != null) {
						armWeights.add(track(weight, new io.itinera.runtime.plan.TestCase.ArmWeight(campaign, weight.getPercent(), at(weight))));
					}
				}
			}
			return track(t, new io.itinera.runtime.plan.TestCase(t.getTitle(), stage, givens, time, event, expectations, at(t),
					t.isHoldout(), steps.subList(next, steps.size()), armWeights));
		}

		private io.itinera.runtime.plan.TestCase.Step testStep(TestStep step) {
			if (step instanceof TestMoment moment) {
				Integer minute = TextValues.minuteOfDay(moment.getTime());
				String date = moment.getDate() == null ? null : TextValues.isoDate(moment.getDate());
				if (minute == null || (moment.getDate() != null && date == null)) {
					return null;
				}
				return track(moment, new io.itinera.runtime.plan.TestCase.At(date, minute, at(moment)));
			}
			if (step instanceof TestAdvance advance) {
				return advance.getDelay() == null ? null
						: track(advance, new io.itinera.runtime.plan.TestCase.After(millis(advance.getDelay()), at(advance)));
			}
			if (step instanceof TestEvent trigger) {
				io.itinera.runtime.plan.TestCase.TestEvent event = testEvent(trigger);
				return event == null ? null : new io.itinera.runtime.plan.TestCase.On(event);
			}
			io.itinera.runtime.plan.TestCase.Expectation expectation = expectation((Expectation) step);
			return expectation == null ? null : new io.itinera.runtime.plan.TestCase.Expect(expectation);
		}

		private io.itinera.runtime.plan.TestCase.TestEvent testEvent(TestEvent trigger) {
			String event = name(trigger.getEvent());
			if (event == null) {
				return null;
			}
			List<io.itinera.runtime.plan.TestCase.FieldValue> values = new ArrayList<>();
			for (FieldValue value : trigger.getValues()) {
				String field = name(value.getField());
				Expr literal = expressions.compile(value.getValue());
				if (field == null || literal == null) {
					return null;
				}
				values.add(track(value, new io.itinera.runtime.plan.TestCase.FieldValue(field, literal, at(value))));
			}
			return track(trigger, new io.itinera.runtime.plan.TestCase.TestEvent(event, values, at(trigger)));
		}

		private io.itinera.runtime.plan.TestCase.Expectation expectation(Expectation expectation) {
			if (expectation instanceof SendExpectation send) {
				if (send.isNotSubscribed()) {
					return track(send, new io.itinera.runtime.plan.TestCase.ExpectDelivery(false,
							io.itinera.runtime.plan.TestCase.Delivery.NOT_SUBSCRIBED, channel(send.getChannel()), send.getTemplate(), at(send)));
				}
				if (send.getDelivery() == Delivery.SEND) {
					Map<String, String> params = new LinkedHashMap<>();
					send.getParams().forEach(p -> params.put(p.getName(), p.getValue()));
					return track(send, new io.itinera.runtime.plan.TestCase.ExpectSend(send.isNegated(), channel(send.getChannel()),
							send.getTemplate(), at(send), send.getTime() == null ? null : TextValues.minuteOfDay(send.getTime()), params));
				}
				io.itinera.runtime.plan.TestCase.Delivery delivery = send.getDelivery() == Delivery.HELD
						? io.itinera.runtime.plan.TestCase.Delivery.HELD : io.itinera.runtime.plan.TestCase.Delivery.CAPPED;
				return track(send, new io.itinera.runtime.plan.TestCase.ExpectDelivery(send.isNegated(), delivery,
						channel(send.getChannel()), send.getTemplate(), at(send)));
			}
			if (expectation instanceof io.itinera.dsl.journey.ArmExpectation arm) {
				String campaign = name(arm.getCampaign());
				return campaign == null ? null : track(arm, new io.itinera.runtime.plan.TestCase.ExpectArm(campaign, at(arm)));
			}
			if (expectation instanceof GoalExpectation goal) {
				return track(goal, new io.itinera.runtime.plan.TestCase.ExpectGoal(goal.isNegated(), at(goal)));
			}
			if (expectation instanceof StageExpectation stage) {
				String name = name(stage.getStage());
				return name == null ? null : track(stage, new io.itinera.runtime.plan.TestCase.ExpectStage(name, at(stage)));
			}
			if (expectation instanceof TagExpectation tag) {
				return track(tag, new io.itinera.runtime.plan.TestCase.ExpectTag(tag.isNegated(), tag.getTag(), at(tag)));
			}
			if (expectation instanceof NothingExpectation nothing) {
				return track(nothing, new io.itinera.runtime.plan.TestCase.ExpectNothing(at(nothing)));
			}
			return null;
		}

		private static io.itinera.runtime.plan.TestCase.SymbolKind symbolKind(EObject symbol) {
			if (symbol == null || symbol.eIsProxy()) {
				return null;
			}
			if (symbol instanceof Attribute) {
				return io.itinera.runtime.plan.TestCase.SymbolKind.ATTRIBUTE;
			}
			if (symbol instanceof FeatureDecl) {
				return io.itinera.runtime.plan.TestCase.SymbolKind.FEATURE;
			}
			if (symbol instanceof ModelDecl) {
				return io.itinera.runtime.plan.TestCase.SymbolKind.SCORE;
			}
			return null;
		}

		private Condition condition(io.itinera.dsl.journey.Expression expression) {
			if (expression == null) {
				return Condition.NONE;
			}
			Expr compiled = expressions.compile(expression);
			return compiled == null ? Condition.BROKEN : new Condition(compiled, false);
		}
	}

	/** A compiled optional condition; broken when it names something unresolved. */
	private record Condition(Expr expr, boolean broken) {
		static final Condition NONE = new Condition(null, false);
		static final Condition BROKEN = new Condition(null, true);
	}

	/**
	 * Whether the text spells out an optional attribute: EMF's eIsSet cannot tell an enum or int
	 * left out from one written with its default value ({@code (awareness)}, {@code on email}).
	 */
	private static boolean written(EObject element, EStructuralFeature feature) {
		return !NodeModelUtils.findNodesForFeature(element, feature).isEmpty();
	}

	static SourceLocation at(EObject element) {
		return SourceLocations.of(element);
	}

	/** The name of a referenced declaration, or null when the reference does not resolve. */
	static String name(EObject reference) {
		if (reference == null || reference.eIsProxy()) {
			return null;
		}
		Object name = reference.eGet(reference.eClass().getEStructuralFeature("name"));
		return name instanceof String text ? text : null;
	}

	public static long millis(Duration duration) {
		long amount = duration.getAmount();
		return switch (duration.getUnit()) {
			case SECONDS -> amount * 1_000L;
			case MINUTES -> amount * 60_000L;
			case HOURS -> amount * 3_600_000L;
			case DAYS -> amount * 86_400_000L;
			case WEEKS -> amount * 7 * 86_400_000L;
		};
	}

	private static ValueType valueType(io.itinera.dsl.journey.ValueType type) {
		return ValueType.valueOf(type.getName());
	}

	private static Channel channel(io.itinera.dsl.journey.Channel channel) {
		return Channel.valueOf(channel.getName());
	}
}
