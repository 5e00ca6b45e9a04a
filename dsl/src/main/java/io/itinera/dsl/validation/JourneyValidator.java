package io.itinera.dsl.validation;

import static io.itinera.dsl.typing.ExpressionTypes.compatible;
import static io.itinera.dsl.typing.ExpressionTypes.typeOf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.validation.Check;
import org.eclipse.xtext.validation.CheckType;
import org.eclipse.xtext.validation.ComposedChecks;

import io.itinera.dsl.journey.Aggregate;
import io.itinera.dsl.journey.AggregateFunction;
import io.itinera.dsl.journey.Arm;
import io.itinera.dsl.journey.Attribute;
import io.itinera.dsl.journey.Binary;
import io.itinera.dsl.journey.Campaign;
import io.itinera.dsl.journey.Cap;
import io.itinera.dsl.journey.CustomerDecl;
import io.itinera.dsl.journey.Duration;
import io.itinera.dsl.journey.Entry;
import io.itinera.dsl.journey.EventDecl;
import io.itinera.dsl.journey.EventTransition;
import io.itinera.dsl.journey.Exit;
import io.itinera.dsl.journey.Expression;
import io.itinera.dsl.journey.FeatureDecl;
import io.itinera.dsl.journey.Field;
import io.itinera.dsl.journey.FieldValue;
import io.itinera.dsl.journey.Given;
import io.itinera.dsl.journey.Goal;
import io.itinera.dsl.journey.Hysteresis;
import io.itinera.dsl.journey.HysteresisDirection;
import io.itinera.dsl.journey.Journey;
import io.itinera.dsl.journey.JourneyElement;
import io.itinera.dsl.journey.JourneyPackage;
import io.itinera.dsl.journey.Membership;
import io.itinera.dsl.journey.ModelDecl;
import io.itinera.dsl.journey.Negation;
import io.itinera.dsl.journey.Not;
import io.itinera.dsl.journey.NumberLiteral;
import io.itinera.dsl.journey.Param;
import io.itinera.dsl.journey.BroadcastDecl;
import io.itinera.dsl.journey.QuietHours;
import io.itinera.dsl.journey.PhaseList;
import io.itinera.dsl.journey.TestMoment;
import io.itinera.dsl.journey.Reentry;
import io.itinera.dsl.journey.Rule;
import io.itinera.dsl.journey.ScoreTransition;
import io.itinera.dsl.journey.SendAction;
import io.itinera.dsl.journey.Split;
import io.itinera.dsl.journey.Stage;
import io.itinera.dsl.journey.Symbol;
import io.itinera.dsl.journey.SymbolRef;
import io.itinera.dsl.journey.TestCase;
import io.itinera.dsl.journey.Transition;
import io.itinera.dsl.journey.WebhookAction;
import io.itinera.dsl.typing.Type;

/**
 * The journey's own rules, beyond what the grammar and linking check. Every message names the
 * element and says what to do; every diagnostic carries a code from {@link JourneyIssueCodes}.
 */
@ComposedChecks(validators = { GraphAnalysisValidator.class, ModelFileValidator.class, DrlBlockValidator.class,
		MigrationValidator.class, RecommenderValidator.class, CampaignCapValidator.class, RemoteModelValidator.class,
		TopicValidator.class, SegmentValidator.class, BestHourValidator.class, OfferChoiceValidator.class })
public class JourneyValidator extends AbstractJourneyValidator {
	private static final JourneyPackage J = JourneyPackage.eINSTANCE;
	private static final Pattern TEMPLATE_VARIABLE = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}}");
	private static final Pattern TIME_OF_DAY = Pattern.compile("(\\d{1,2}):(\\d{2})");
	private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

	// ------------------------------------------------------------ the journey as a whole

	@Check
	public void journeyHasEntryAndStages(Journey journey) {
		if (elementsOf(journey, Entry.class).isEmpty()) {
			error("Journey '" + journey.getName() + "' has no entry: add `entry on EVENT` to say which event brings a customer in.",
					J.getJourney_Name(), JourneyIssueCodes.MISSING_ENTRY);
		}
		if (elementsOf(journey, Stage.class).isEmpty()) {
			error("Journey '" + journey.getName() + "' has no stages: add at least one `stage NAME (awareness) { }`.",
					J.getJourney_Name(), JourneyIssueCodes.MISSING_STAGES);
		}
	}

	@Check
	public void singleDeclarations(Journey journey) {
		reportRepeats(journey, Entry.class, "entry");
		reportRepeats(journey, Reentry.class, "reentry");
		reportRepeats(journey, io.itinera.dsl.journey.PriorityDecl.class, "priority");
		reportRepeats(journey, Goal.class, "goal");
		reportRepeats(journey, CustomerDecl.class, "customer");
		reportRepeats(journey, PhaseList.class, "phases");
		reportRepeats(journey, io.itinera.dsl.journey.Migration.class, "migrate");
	}

	private void reportRepeats(Journey journey, Class<? extends JourneyElement> kind, String keyword) {
		List<? extends JourneyElement> found = elementsOf(journey, kind);
		for (JourneyElement repeated : found.subList(Math.min(1, found.size()), found.size())) {
			error("A journey has one `" + keyword + "`; merge this one into the first or remove it.",
					repeated, null, JourneyIssueCodes.DUPLICATE_DECLARATION);
		}
	}

	@Check
	public void uniqueNames(Journey journey) {
		List<EObject> symbols = new ArrayList<>();
		for (JourneyElement element : journey.getElements()) {
			if (element instanceof CustomerDecl customer) {
				symbols.addAll(customer.getAttributes());
			} else if (element instanceof Symbol) {
				symbols.add(element);
			}
		}
		reportDuplicates(symbols, this::nameOf, "name", "Attributes, events, features and models share one namespace; rename one of them.");
		reportDuplicates(elementsOf(journey, Stage.class), Stage::getName, "stage", "Rename one of the stages.");
		reportDuplicates(elementsOf(journey, Campaign.class), Campaign::getName, "campaign", "Rename one of the campaigns.");
		reportDuplicates(elementsOf(journey, Split.class), Split::getName, "split", "Rename one of the splits.");
		reportDuplicates(elementsOf(journey, TestCase.class), TestCase::getTitle, "test", "Give each test its own title.");
		for (EventDecl event : elementsOf(journey, EventDecl.class)) {
			reportDuplicates(event.getFields(), Field::getName, "field", "Rename one of the fields of event '" + event.getName() + "'.");
		}
		for (Campaign campaign : elementsOf(journey, Campaign.class)) {
			reportDuplicates(campaign.getRules(), Rule::getTitle, "rule", "Give each rule of campaign '" + campaign.getName() + "' its own title.");
		}
	}

	private <T extends EObject> void reportDuplicates(List<T> elements, Function<T, String> name, String what, String fix) {
		Map<String, T> seen = new HashMap<>();
		for (T element : elements) {
			String key = name.apply(element);
			if (key == null) {
				continue;
			}
			if (seen.putIfAbsent(key, element) != null) {
				EStructuralFeature feature = element.eClass().getEStructuralFeature("name");
				if (feature == null) {
					feature = element.eClass().getEStructuralFeature("title");
				}
				error("Duplicate " + what + " '" + key + "'. " + fix, element, feature, JourneyIssueCodes.DUPLICATE_NAME, key);
			}
		}
	}

	private String nameOf(EObject symbol) {
		return symbol instanceof Attribute a ? a.getName() : ((Symbol) symbol).getName();
	}

	// ------------------------------------------------------------ stages

	/** A stage's phase, when it has one, is one of the journey's phases (the default four unless it declares its own). */
	@Check
	public void stagePhaseIsDeclared(Stage stage) {
		if (stage.getPhase() == null) {
			return;
		}
		List<String> phases = phasesOf(EcoreUtil2.getContainerOfType(stage, Journey.class));
		if (!phases.contains(stage.getPhase())) {
			error("Stage '" + stage.getName() + "' has the phase '" + stage.getPhase() + "', which is not one of this journey's phases ("
					+ String.join(", ", phases) + "). Use one of them, declare it with `phases " + String.join(", ", phases)
					+ ", " + stage.getPhase() + "`, or leave the phase out.",
					J.getStage_Phase(), JourneyIssueCodes.UNKNOWN_PHASE, stage.getPhase());
		}
	}

	@Check
	public void phasesAreDistinct(PhaseList list) {
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < list.getPhases().size(); i++) {
			String phase = list.getPhases().get(i);
			if (phase != null && !seen.add(phase)) {
				error("The phase '" + phase + "' is listed twice; list each phase once, in funnel order.", list,
						J.getPhaseList_Phases(), i, JourneyIssueCodes.DUPLICATE_NAME, phase);
			}
		}
	}

	/** The journey's phases: its own `phases` list, or the default four. */
	static List<String> phasesOf(Journey journey) {
		if (journey != null) {
			for (JourneyElement element : journey.getElements()) {
				if (element instanceof PhaseList list) {
					return list.getPhases();
				}
			}
		}
		return io.itinera.runtime.plan.Phase.DEFAULTS;
	}

	@Check
	public void stagesHaveWayIn(Journey journey) {
		Stage entryStage = entryStage(journey);
		Set<Stage> targeted = new HashSet<>();
		for (Stage source : elementsOf(journey, Stage.class)) {
			for (Transition transition : source.getTransitions()) {
				Stage target = targetOf(transition);
				if (target != source) {
					targeted.add(target);
				}
			}
		}
		for (Stage stage : elementsOf(journey, Stage.class)) {
			if (stage == entryStage || targeted.contains(stage)) {
				continue;
			}
			if (stage.getTransitions().isEmpty()) {
				error("Stage '" + stage.getName() + "' has no way in and no way out: add a transition `-> "
						+ stage.getName() + "` from another stage, or remove it.",
						stage, J.getStage_Name(), JourneyIssueCodes.ISOLATED_STAGE, stage.getName());
			} else {
				warning("No transition leads to stage '" + stage.getName() + "', so no customer can reach it: add `-> "
						+ stage.getName() + "` to another stage or make it the entry stage.",
						stage, J.getStage_Name(), JourneyIssueCodes.UNREACHABLE_STAGE, stage.getName());
			}
		}
	}

	/** The stage a customer enters in: the entry's explicit stage, else the first declared one. */
	public static Stage entryStage(Journey journey) {
		for (Entry entry : elementsOf(journey, Entry.class)) {
			if (entry.getStage() != null && !entry.getStage().eIsProxy()) {
				return entry.getStage();
			}
		}
		List<Stage> stages = elementsOf(journey, Stage.class);
		return stages.isEmpty() ? null : stages.get(0);
	}

	private static Stage targetOf(Transition transition) {
		if (transition instanceof EventTransition t) return t.getTarget();
		if (transition instanceof ScoreTransition t) return t.getTarget();
		if (transition instanceof io.itinera.dsl.journey.TimerTransition t) return t.getTarget();
		if (transition instanceof io.itinera.dsl.journey.SegmentTransition t) return t.getTarget();
		return null;
	}

	// ------------------------------------------------------------ conditions and their types

	@Check
	public void conditionsAreBoolean(EObject owner) {
		EStructuralFeature conditionFeature = owner.eClass().getEStructuralFeature("condition");
		if (conditionFeature == null || !(owner.eGet(conditionFeature) instanceof Expression condition)) {
			return;
		}
		Type type = typeOf(condition);
		if (type != Type.BOOLEAN && type != Type.UNKNOWN) {
			error("This condition is " + type.description() + ", not a yes/no test: compare it, e.g. `"
					+ NodeModelUtils.getTokenText(NodeModelUtils.findActualNodeFor(condition)) + " > 0`.",
					owner, conditionFeature, JourneyIssueCodes.CONDITION_NOT_BOOLEAN);
		}
	}

	@Check
	public void binaryOperandTypes(Binary binary) {
		String op = binary.getOp();
		Type left = typeOf(binary.getLeft());
		Type right = typeOf(binary.getRight());
		if ("and".equals(op) || "or".equals(op)) {
			expectOperand(binary.getLeft(), left, Type.BOOLEAN, op, J.getBinary_Left());
			expectOperand(binary.getRight(), right, Type.BOOLEAN, op, J.getBinary_Right());
			return;
		}
		if ("==".equals(op) || "!=".equals(op)) {
			if (!compatible(left, right)) {
				mismatch(binary, left, right, op);
			}
			return;
		}
		boolean arithmetic = !op.startsWith(">") && !op.startsWith("<");
		boolean scaling = "*".equals(op) || "/".equals(op);
		for (Type side : List.of(left, right)) {
			boolean allowed = side == Type.UNKNOWN || side == Type.NUMBER || (side == Type.DURATION && !scaling);
			if (!allowed) {
				error("`" + op + "` needs numbers" + (scaling ? "" : " or durations") + " on both sides, but one side is "
						+ side.description() + (side == Type.STRING ? "; strings can only be compared with == or != or `in [...]`." : "."),
						binary, J.getBinary_Op(), JourneyIssueCodes.TYPE_MISMATCH);
				return;
			}
		}
		if (!compatible(left, right) && !(arithmetic && scaling)) {
			mismatch(binary, left, right, op);
		}
	}

	private void mismatch(Binary binary, Type left, Type right, String op) {
		String hint = (left == Type.DURATION || right == Type.DURATION)
				? " Durations compare with durations: write `30 days`, not `30`."
				: " Compare values of the same type.";
		error("Cannot compare " + left.description() + " with " + right.description() + " using `" + op + "`." + hint,
				binary, J.getBinary_Op(), JourneyIssueCodes.TYPE_MISMATCH);
	}

	private void expectOperand(Expression operand, Type actual, Type expected, String op, EStructuralFeature feature) {
		if (actual != expected && actual != Type.UNKNOWN) {
			error("`" + op + "` joins yes/no tests, but this side is " + actual.description() + ": compare it first.",
					operand.eContainer(), feature, JourneyIssueCodes.TYPE_MISMATCH);
		}
	}

	@Check
	public void notOperandIsBoolean(Not not) {
		Type type = typeOf(not.getOperand());
		if (type != Type.BOOLEAN && type != Type.UNKNOWN) {
			error("`not` needs a yes/no test, but this is " + type.description() + ".", not, J.getNot_Operand(),
					JourneyIssueCodes.TYPE_MISMATCH);
		}
	}

	@Check
	public void negationOperandIsNumeric(Negation negation) {
		Type type = typeOf(negation.getOperand());
		if (!type.isNumeric() && type != Type.UNKNOWN) {
			error("`-` needs a number, but this is " + type.description() + ".", negation, J.getNegation_Operand(),
					JourneyIssueCodes.TYPE_MISMATCH);
		}
	}

	@Check
	public void membershipCandidatesMatch(Membership membership) {
		Type element = typeOf(membership.getElement());
		for (int i = 0; i < membership.getCandidates().size(); i++) {
			Type candidate = typeOf(membership.getCandidates().get(i));
			if (!compatible(element, candidate)) {
				error("This list holds " + candidate.description() + " but the value tested is " + element.description()
						+ ": make every entry " + element.description() + ".",
						membership, J.getMembership_Candidates(), i, JourneyIssueCodes.TYPE_MISMATCH);
			}
		}
	}

	@Check
	public void eventFieldsInContext(SymbolRef ref) {
		if (!(ref.getSymbol() instanceof EventDecl event) || event.eIsProxy()) {
			return;
		}
		if (ref.getField() == null) {
			error("Event '" + event.getName() + "' is not a value: name one of its fields, e.g. `" + event.getName()
					+ "." + (event.getFields().isEmpty() ? "field" : event.getFields().get(0).getName()) + "`.",
					ref, J.getSymbolRef_Symbol(), JourneyIssueCodes.EVENT_WITHOUT_FIELD);
			return;
		}
		EObject context = triggerContext(ref);
		EventDecl trigger = triggeringEvent(context);
		if (context instanceof ScoreTransition || context instanceof ModelDecl || context instanceof FeatureDecl) {
			error("Event fields are known only where an event triggers: `" + event.getName() + "." + ref.getField().getName()
					+ "` cannot be used in a `when` trigger; use a feature instead.",
					ref, J.getSymbolRef_Symbol(), JourneyIssueCodes.EVENT_FIELD_OUT_OF_CONTEXT);
		} else if (trigger != null && trigger != event) {
			error("This condition runs on '" + trigger.getName() + "' events, so '" + event.getName()
					+ "' fields are not available here: use " + trigger.getName() + "'s fields or a feature.",
					ref, J.getSymbolRef_Symbol(), JourneyIssueCodes.FIELD_OF_OTHER_EVENT);
		}
	}

	private static EObject triggerContext(EObject expression) {
		EObject current = expression.eContainer();
		while (current != null && (current instanceof Expression || current instanceof Param)) {
			current = current.eContainer();
		}
		return current;
	}

	private static EventDecl triggeringEvent(EObject context) {
		if (context instanceof EventTransition t) return t.getEvent();
		if (context instanceof Entry e) return e.getEvent();
		if (context instanceof Exit e) return e.getEvent();
		if (context instanceof Goal g) return g.getEvent();
		return null;
	}

	// ------------------------------------------------------------ features and models

	@Check
	public void aggregateFits(Aggregate aggregate) {
		AggregateFunction function = aggregate.getFunction();
		Field field = aggregate.getField();
		String event = aggregate.getEvent() == null ? "EVENT" : aggregate.getEvent().getName();
		if (function == AggregateFunction.COUNT) {
			if (field != null) {
				error("count counts events; drop the field: `count(" + event + ")`.", aggregate, J.getAggregate_Field(),
						JourneyIssueCodes.AGGREGATE_NEEDS_FIELD);
			}
			return;
		}
		if (field == null) {
			error(function.getLiteral() + " needs a field of the event: `" + function.getLiteral() + "(" + event + ".FIELD)`.",
					aggregate, J.getFeatureDefinition_Event(), JourneyIssueCodes.AGGREGATE_NEEDS_FIELD);
			return;
		}
		if (function != AggregateFunction.LAST && !field.eIsProxy() && !typeOf(field.getType()).isNumeric()) {
			error("Cannot take the " + function.getLiteral() + " of '" + event + "." + field.getName() + "', which is a "
					+ field.getType().getLiteral() + ": use a numeric field, or `last(...)` or `count(...)`.",
					aggregate, J.getAggregate_Field(), JourneyIssueCodes.NON_NUMERIC_AGGREGATE);
		}
	}

	@Check
	public void goalValueIsNumeric(Goal goal) {
		Field field = goal.getValue();
		if (field == null || field.eIsProxy() || typeOf(field.getType()).isNumeric()) {
			return;
		}
		String event = goal.getEvent() == null ? "EVENT" : goal.getEvent().getName();
		error("The goal's value '" + event + "." + field.getName() + "' is a " + field.getType().getLiteral()
				+ ", but revenue is a sum: name a numeric field of " + event + " (`value amount`, with `amount: decimal`), "
				+ "or drop `value`.", goal, J.getGoal_Value(), JourneyIssueCodes.NON_NUMERIC_GOAL_VALUE);
	}

	@Check
	public void modelInputsAreNumeric(ModelDecl model) {
		if (model.getVocabulary() != null) {
			return; // a recommender: RecommenderValidator
		}
		for (int i = 0; i < model.getInputs().size(); i++) {
			FeatureDecl input = model.getInputs().get(i);
			if (input.eIsProxy()) {
				continue;
			}
			Type type = typeOf(input);
			if (!type.isNumeric() && type != Type.UNKNOWN) {
				error("Model '" + model.getName() + "' takes numbers, but feature '" + input.getName() + "' is "
						+ type.description() + ": feed it a count, sum, avg, min, max or days-since feature.",
						model, J.getModelDecl_Inputs(), i, JourneyIssueCodes.MODEL_INPUT_NOT_NUMERIC);
			}
		}
	}

	@Check(CheckType.NORMAL)
	public void unusedFeaturesAndModels(Journey journey) {
		Set<EObject> used = new HashSet<>();
		for (SymbolRef ref : EcoreUtil2.eAllOfType(journey, SymbolRef.class)) {
			used.add(ref.getSymbol());
		}
		for (io.itinera.dsl.journey.SegmentDecl shared : io.itinera.dsl.scoping.SharedSegments.usedBy(journey)) { // the workspace's, read by name
			for (SymbolRef ref : EcoreUtil2.eAllOfType(shared, SymbolRef.class)) {
				used.add(io.itinera.dsl.scoping.SharedSegments.symbolIn(journey, ref));
			}
		}
		for (ModelDecl model : elementsOf(journey, ModelDecl.class)) {
			used.addAll(model.getInputs());
		}
		for (FeatureDecl feature : elementsOf(journey, FeatureDecl.class)) {
			if (!used.contains(feature)) {
				warning("Feature '" + feature.getName() + "' is never used: use it in a condition or a model's inputs, or remove it.",
						feature, J.getSymbol_Name(), JourneyIssueCodes.UNUSED_FEATURE, feature.getName());
			}
		}
		for (ModelDecl model : elementsOf(journey, ModelDecl.class)) {
			if (!used.contains(model)) {
				warning("Model '" + model.getName() + "' is never used: use its score in a `when` trigger or a rule, or remove it.",
						model, J.getSymbol_Name(), JourneyIssueCodes.UNUSED_MODEL, model.getName());
			}
		}
	}

	// ------------------------------------------------------------ transitions

	@Check
	public void scoreTriggerUsesModel(ScoreTransition transition) {
		boolean usesModel = transition.getCondition() != null
				&& EcoreUtil2.eAllOfType(transition.getCondition(), SymbolRef.class).stream()
						.anyMatch(ref -> ref.getSymbol() instanceof ModelDecl || ref.getSymbol() == null || ref.getSymbol().eIsProxy());
		boolean isRef = transition.getCondition() instanceof SymbolRef ref && (ref.getSymbol() == null || ref.getSymbol().eIsProxy());
		if (!usesModel && !isRef) {
			error("A `when` trigger moves customers on a model score: use a model in the condition, e.g. `when intent > 0.6`; "
					+ "for an event use `on EVENT if ...`.",
					transition, J.getScoreTransition_Condition(), JourneyIssueCodes.TRIGGER_WITHOUT_MODEL);
		}
	}

	@Check
	public void hysteresisOnTheLeavingSide(ScoreTransition transition) {
		Hysteresis hysteresis = transition.getHysteresis();
		if (hysteresis == null || !(transition.getCondition() instanceof Binary binary)
				|| !(binary.getRight() instanceof NumberLiteral threshold) || threshold.getValue() == null
				|| hysteresis.getThreshold() == null) {
			return;
		}
		boolean upward = binary.getOp().startsWith(">");
		boolean downward = binary.getOp().startsWith("<");
		int comparison = hysteresis.getThreshold().compareTo(threshold.getValue());
		if (upward && (hysteresis.getDirection() != HysteresisDirection.BELOW || comparison > 0)) {
			error("This trigger fires above " + threshold.getValue().toPlainString() + ", so it must leave below a lower value: `(leave below "
					+ threshold.getValue().toPlainString() + ")` or less.",
					hysteresis, J.getHysteresis_Threshold(), JourneyIssueCodes.HYSTERESIS_WRONG_SIDE);
		} else if (downward && (hysteresis.getDirection() != HysteresisDirection.ABOVE || comparison < 0)) {
			error("This trigger fires below " + threshold.getValue().toPlainString() + ", so it must leave above a higher value: `(leave above "
					+ threshold.getValue().toPlainString() + ")` or more.",
					hysteresis, J.getHysteresis_Threshold(), JourneyIssueCodes.HYSTERESIS_WRONG_SIDE);
		}
	}

	/**
	 * Durations are at least 1 unit, except where 0 means something: {@code reentry after 0 …} (enter
	 * again at once), a duration in a condition or a test value ({@code daysIdle > 0 days}) and a test's
	 * {@code after 0 …} (time stays). The message says why for the place it is written in.
	 */
	@Check
	public void durationIsPositive(Duration duration) {
		EObject container = duration.eContainer();
		if (duration.getAmount() > 0 || (duration.getAmount() == 0 && (container instanceof Reentry
				|| container instanceof io.itinera.dsl.journey.TestAdvance || container instanceof io.itinera.dsl.journey.DurationLiteral))) {
			return;
		}
		String unit = duration.getUnit() == null ? "minute" : duration.getUnit().getLiteral();
		EObject owner = duration.eContainer();
		String why;
		if (owner instanceof io.itinera.dsl.journey.TimerTransition) {
			why = "a timer fires a while after the customer entered the stage; to move customers on at once, point the "
					+ "transition that brings them here at the next stage instead";
		} else if (owner instanceof Cap) {
			why = "a cap counts the messages of a period";
		} else if (owner instanceof io.itinera.dsl.journey.Schedule) {
			why = "`every` repeats the rules after this long";
		} else if (owner instanceof Goal) {
			why = "the goal counts events up to this long after entry";
		} else if (owner instanceof io.itinera.dsl.journey.SlidingWindow) {
			why = "a window holds the events of this long; for all of them leave `over …` out";
		} else {
			why = "this is a length of time";
		}
		error("A duration must be positive here (" + why + "): write at least `1 " + unit + "`.",
				duration, J.getDuration_Amount(), JourneyIssueCodes.NON_POSITIVE_DURATION);
	}

	// ------------------------------------------------------------ campaigns

	@Check
	public void otherwiseIsLast(Campaign campaign) {
		List<Rule> rules = campaign.getRules();
		for (int i = 0; i < rules.size() - 1; i++) {
			if (rules.get(i).isOtherwise()) {
				error("The `otherwise` rule '" + rules.get(i).getTitle() + "' must be the last rule of campaign '"
						+ campaign.getName() + "': the rules after it would never run. Move it to the end.",
						rules.get(i), J.getRule_Otherwise(), JourneyIssueCodes.OTHERWISE_NOT_LAST, rules.get(i).getTitle());
			}
		}
	}

	@Check
	public void capIsPositive(Cap cap) {
		if (cap.getLimit() <= 0) {
			error("A cap allows at least one message: write `cap 1 per ...`, or remove the cap.", cap, J.getCap_Limit(),
					JourneyIssueCodes.NON_POSITIVE_CAP);
		}
	}

	@Check
	public void quietHoursAreTimes(QuietHours quietHours) {
		checkTimeOfDay(quietHours, J.getQuietHours_Start(), quietHours.getStart());
		checkTimeOfDay(quietHours, J.getQuietHours_End(), quietHours.getEnd());
	}

	/**
	 * A broadcast's sends carry its name as their campaign, so a campaign of the same name would count them
	 * against its caps (and the report would mix them): the names differ.
	 */
	@Check
	public void broadcastNotNamedLikeACampaign(BroadcastDecl broadcast) {
		Journey journey = EcoreUtil2.getContainerOfType(broadcast, Journey.class);
		if (journey == null || broadcast.getName() == null) {
			return;
		}
		for (Campaign campaign : elementsOf(journey, Campaign.class)) {
			if (broadcast.getName().equals(campaign.getName())) {
				error("Broadcast " + broadcast.getName() + " has the name of a campaign: its sends would count against that "
						+ "campaign's caps and be reported with it. Rename the broadcast (e.g. `broadcast " + broadcast.getName()
						+ "Broadcast`) or the campaign.", broadcast, J.getBroadcastDecl_Name(), JourneyIssueCodes.BROADCAST_NAMED_LIKE_CAMPAIGN);
			}
		}
	}

	@Check
	public void broadcastTimeIsATime(BroadcastDecl broadcast) {
		checkTimeOfDay(broadcast, J.getBroadcastDecl_Time(), broadcast.getTime());
		if (broadcast.getSend() != null && broadcast.getSend().getBestHour() != null) {
			error("A broadcast goes at its own time: remove 'at best hour' (or send from a campaign).", broadcast.getSend(),
					J.getSendAction_BestHour(), JourneyIssueCodes.INVALID_TIME_OF_DAY);
		}
	}

	@Check
	public void testMomentIsATime(TestMoment moment) {
		checkTimeOfDay(moment, J.getTestMoment_Time(), moment.getTime());
		if (moment.getDate() != null && !DATE.matcher(moment.getDate().replace(" ", "")).matches()) {
			error("'" + moment.getDate() + "' is not a date: write YYYY-MM-DD, e.g. 2024-03-01.", moment, J.getTestMoment_Date(),
					JourneyIssueCodes.INVALID_DATE);
		} else if (moment.getDate() != null) {
			try {
				java.time.LocalDate.parse(moment.getDate().replace(" ", ""));
			} catch (java.time.format.DateTimeParseException e) {
				error("'" + moment.getDate() + "' is not a date of the calendar: write YYYY-MM-DD, e.g. 2024-03-01.", moment,
						J.getTestMoment_Date(), JourneyIssueCodes.INVALID_DATE);
			}
		}
	}

	private void checkTimeOfDay(EObject owner, EStructuralFeature feature, String text) {
		if (text == null) {
			return;
		}
		Matcher matcher = TIME_OF_DAY.matcher(text.replace(" ", ""));
		boolean valid = matcher.matches() && Integer.parseInt(matcher.group(1)) < 24 && Integer.parseInt(matcher.group(2)) < 60;
		if (!valid) {
			error("'" + text + "' is not a time of day: write HH:MM on a 24-hour clock, e.g. 22:00.", owner, feature,
					JourneyIssueCodes.INVALID_TIME_OF_DAY);
		}
	}

	@Check
	public void templateVariablesResolve(SendAction send) {
		checkTemplateVariables(send, send.getTemplate(), send.getParams(), J.getSendAction_Template());
	}

	@Check
	public void webhookVariablesResolve(WebhookAction webhook) {
		checkTemplateVariables(webhook, webhook.getUrl(), webhook.getParams(), J.getWebhookAction_Url());
	}

	private void checkTemplateVariables(EObject action, String template, List<Param> params, EStructuralFeature feature) {
		if (template == null) {
			return;
		}
		Matcher matcher = TEMPLATE_VARIABLE.matcher(template);
		while (matcher.find()) {
			String variable = matcher.group(1);
			boolean isParam = params.stream().anyMatch(p -> variable.equals(p.getName()));
			if (!isParam && !valueNamesOf(EcoreUtil2.getContainerOfType(action, Journey.class)).contains(variable)) {
				error("Template variable '{{" + variable + "}}' is not defined: pass it with `with " + variable
						+ " = ...`, or use a customer attribute, feature or model name.",
						action, feature, JourneyIssueCodes.UNKNOWN_TEMPLATE_VARIABLE, variable);
			}
		}
	}

	/** Attribute, feature and model names of the journey, computed once per validation run. */
	private Set<String> valueNamesOf(Journey journey) {
		if (journey == null) {
			return Set.of();
		}
		Map<Object, Object> context = getContext();
		ValueNamesKey key = new ValueNamesKey(journey);
		@SuppressWarnings("unchecked")
		Set<String> cached = context == null ? null : (Set<String>) context.get(key);
		if (cached != null) {
			return cached;
		}
		Set<String> names = new HashSet<>();
		for (JourneyElement element : journey.getElements()) {
			if (element instanceof CustomerDecl customer) {
				customer.getAttributes().forEach(a -> names.add(a.getName()));
			} else if (element instanceof FeatureDecl || element instanceof ModelDecl) {
				names.add(((Symbol) element).getName());
			}
		}
		if (context != null) {
			context.put(key, names);
		}
		return names;
	}

	private record ValueNamesKey(Journey journey) {
	}

	// ------------------------------------------------------------ splits

	@Check
	public void splitAddsUp(Split split) {
		int total = split.getArms().stream().mapToInt(Arm::getPercent).sum();
		if (total != 100) {
			error("The arms of split '" + split.getName() + "' add up to " + total + "%, not 100%: adjust the percentages.",
					split, J.getSplit_Name(), JourneyIssueCodes.SPLIT_NOT_100);
		}
		Stage stage = split.getStage();
		for (int i = 0; i < split.getArms().size(); i++) {
			Arm arm = split.getArms().get(i);
			Campaign campaign = arm.getCampaign();
			if (campaign != null && !campaign.eIsProxy() && stage != null && !stage.eIsProxy()
					&& !campaign.getStages().contains(stage)) {
				error("Campaign '" + campaign.getName() + "' does not run in stage '" + stage.getName() + "', so split '"
						+ split.getName() + "' cannot test it there: add " + stage.getName() + " to the campaign's stages.",
						arm, J.getArm_Campaign(), JourneyIssueCodes.SPLIT_ARM_OUTSIDE_STAGE);
			}
		}
	}

	/** A split that learns its winner needs two arms to choose from, and settings that can be met. */
	@Check
	public void autoWinnerCanLearn(Split split) {
		io.itinera.dsl.journey.AutoWinner auto = split.getAutoWinner();
		if (auto == null) {
			return;
		}
		long campaignArms = split.getArms().stream().filter(arm -> !arm.isHoldout()).count();
		if (campaignArms < 2) {
			error("Split '" + split.getName() + "' learns its winner but has " + campaignArms
					+ " campaign arm: give it at least two campaigns to choose from.", split, J.getSplit_AutoWinner(),
					JourneyIssueCodes.AUTO_WINNER_INVALID);
		}
		if (auto.getConfidence() != 0 && (auto.getConfidence() < 50 || auto.getConfidence() > 99)) {
			error("confidence " + auto.getConfidence() + "% is not between 50% and 99%: the stopping rule needs a percentile"
					+ " below 100 (95% is usual).", auto, J.getAutoWinner_Confidence(), JourneyIssueCodes.AUTO_WINNER_INVALID);
		}
	}

	// ------------------------------------------------------------ tests

	@Check
	public void givenValuesFit(Given given) {
		Symbol symbol = given.getSymbol();
		if (symbol == null || symbol.eIsProxy()) {
			return;
		}
		if (symbol instanceof EventDecl) {
			error("A test gives values to attributes, features and model scores; for an event write `on "
					+ symbol.getName() + " with FIELD = ...`.", given, J.getGiven_Symbol(), JourneyIssueCodes.GIVEN_TYPE_MISMATCH);
			return;
		}
		if (given.getItems() != null) {
			return; // a recommender's items: RecommenderValidator
		}
		Type expected = typeOf(symbol);
		Type actual = typeOf(given.getValue());
		if (!compatible(expected, actual)) {
			error("'" + symbol.getName() + "' is " + expected.description() + " but is given " + actual.description()
					+ (expected == Type.DURATION ? ": write a duration such as `40 days`." : "."),
					given, J.getGiven_Value(), JourneyIssueCodes.GIVEN_TYPE_MISMATCH);
		}
	}

	@Check
	public void givenIsOneValue(Given given) {
		checkOneValue(given.getValue(), given, J.getGiven_Value());
	}

	@Check
	public void testEventValueIsOneValue(FieldValue value) {
		checkOneValue(value.getValue(), value, J.getFieldValue_Value());
	}

	/** A test value is a literal or a negated number or duration (`-1`, `-2.5`), never a calculation or a name. */
	private void checkOneValue(Expression value, EObject owner, EStructuralFeature feature) {
		Expression plain = value instanceof Negation negation ? negation.getOperand() : value;
		if (value == null || (value instanceof SymbolRef ref && (ref.getSymbol() == null || ref.getSymbol().eIsProxy()))
				|| plain instanceof NumberLiteral || plain instanceof io.itinera.dsl.journey.DurationLiteral
				|| (plain == value && plain instanceof io.itinera.dsl.journey.Literal)) {
			return;
		}
		error("A test gives one value (a number such as `-1` or `2.5`, \"text\", true/false or a duration), not a "
				+ (value instanceof SymbolRef ? "name" : "calculation") + ": write the value itself.",
				owner, feature, JourneyIssueCodes.TEST_EVENT_FIELD);
	}

	@Check
	public void testEventValuesFit(FieldValue value) {
		Field field = value.getField();
		if (field == null || field.eIsProxy()) {
			return;
		}
		Type expected = typeOf(field.getType());
		Type actual = typeOf(value.getValue());
		if (!compatible(expected, actual)) {
			error("Field '" + field.getName() + "' is " + expected.description() + " but is given " + actual.description() + ".",
					value, J.getFieldValue_Value(), JourneyIssueCodes.TEST_EVENT_FIELD);
		}
	}

	// ------------------------------------------------------------ helpers

	static <T> List<T> elementsOf(Journey journey, Class<T> kind) {
		List<T> found = new ArrayList<>();
		for (JourneyElement element : journey.getElements()) {
			if (kind.isInstance(element)) {
				found.add(kind.cast(element));
			}
		}
		return found;
	}
}
