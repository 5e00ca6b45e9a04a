package io.itinera.dsl.ide.contentassist;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.Assignment;
import org.eclipse.xtext.CrossReference;
import org.eclipse.xtext.GrammarUtil;
import org.eclipse.xtext.Keyword;
import org.eclipse.xtext.ide.editor.contentassist.ContentAssistContext;
import org.eclipse.xtext.ide.editor.contentassist.ContentAssistEntry;
import org.eclipse.xtext.ide.editor.contentassist.IIdeContentProposalAcceptor;
import org.eclipse.xtext.ide.editor.contentassist.IdeContentProposalProvider;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;

import com.google.inject.Inject;

import io.itinera.dsl.ide.facts.JourneyDeclarations;
import io.itinera.dsl.ide.facts.JourneySummaries;
import io.itinera.dsl.journey.EventDecl;
import io.itinera.dsl.journey.Journey;
import io.itinera.dsl.journey.JourneyPackage;
import io.itinera.dsl.journey.SendAction;
import io.itinera.dsl.journey.SendExpectation;
import io.itinera.dsl.journey.TestCase;
import io.itinera.dsl.services.JourneyGrammarAccess;

/**
 * Completion that knows the journey: every reference is completed from the journey's own
 * declarations (stages after "->", events, their fields after "event.", features, models,
 * campaigns), each with its doc comment and definition; templates already used in the file
 * after "send CHANNEL"; common durations where a duration starts; channels and time units
 * with a word on what they mean.
 */
public class JourneyContentProposalProvider extends IdeContentProposalProvider {

	private static final int REFERENCE_PRIORITY = 600;
	private static final int VALUE_PRIORITY = 550;
	private static final List<String> COMMON_DURATIONS = List.of("30 minutes", "1 hour", "1 day", "3 days", "7 days",
			"30 days");
	private static final Map<String, String> KEYWORD_DOCS = Map.ofEntries(
			Map.entry("email", "Channel: an email sent through the email action sink."),
			Map.entry("sms", "Channel: a text message."),
			Map.entry("push", "Channel: a mobile push notification."),
			Map.entry("inapp", "Channel: a message shown inside the app."),
			Map.entry("awareness", "Lifecycle phase: the customer is discovering the brand."),
			Map.entry("consideration", "Lifecycle phase: the customer is weighing a purchase."),
			Map.entry("purchase", "Lifecycle phase: the customer is buying."),
			Map.entry("loyalty", "Lifecycle phase: the customer is retained."));

	@Inject
	private JourneySummaries summaries;

	@Inject
	private JourneyGrammarAccess grammar;

	@Override
	protected void _createProposals(CrossReference reference, ContentAssistContext context,
			IIdeContentProposalAcceptor acceptor) {
		Journey journey = JourneyDeclarations.journeyOf(context.getRootModel());
		EClass type = (EClass) reference.getType().getClassifier();
		List<? extends EObject> candidates = type == JourneyPackage.Literals.FIELD
				? fieldsInContext(journey, context)
				: JourneyDeclarations.ofType(journey, type);
		for (EObject candidate : candidates) {
			String name = JourneyDeclarations.nameOf(candidate);
			ContentAssistEntry entry = getProposalCreator().createProposal(name, context, kindOf(candidate), it -> {
				it.setSource(candidate);
				it.setDescription(summaries.kind(candidate));
				it.setDocumentation(summaries.plainText(candidate));
			});
			if (entry != null) {
				acceptor.accept(entry, REFERENCE_PRIORITY);
			}
		}
	}

	@Override
	protected void _createProposals(Assignment assignment, ContentAssistContext context,
			IIdeContentProposalAcceptor acceptor) {
		if (assignment == grammar.getDurationAccess().getAmountAssignment_0()) {
			for (String duration : COMMON_DURATIONS) {
				accept(duration, "duration", "A length of time: seconds, minutes, hours, days or weeks.",
						ContentAssistEntry.KIND_VALUE, context, acceptor);
			}
			return;
		}
		if (assignment == grammar.getStageAccess().getPhaseAssignment_2_1()) {
			Journey journey = JourneyDeclarations.journeyOf(context.getRootModel());
			List<String> phases = journey == null ? io.itinera.runtime.plan.Phase.DEFAULTS
					: journey.getElements().stream().filter(io.itinera.dsl.journey.PhaseList.class::isInstance)
							.map(e -> (List<String>) ((io.itinera.dsl.journey.PhaseList) e).getPhases()).findFirst()
							.orElse(io.itinera.runtime.plan.Phase.DEFAULTS);
			for (String phase : phases) {
				String doc = KEYWORD_DOCS.getOrDefault(phase, "Lifecycle phase declared by this journey's `phases`.");
				ContentAssistEntry entry = getProposalCreator().createProposal(phase, context, ContentAssistEntry.KIND_VALUE, it -> {
					it.setDescription("lifecycle phase");
					it.setDocumentation(doc);
				});
				if (entry != null) {
					acceptor.accept(entry, REFERENCE_PRIORITY);
				}
			}
			return;
		}
		if (assignment == grammar.getSendActionAccess().getTemplateAssignment_2()
				|| assignment == grammar.getSendExpectationAccess().getTemplateAssignment_5()) {
			for (String template : templatesUsed(JourneyDeclarations.journeyOf(context.getRootModel()))) {
				accept('"' + template + '"', "template already used in this journey",
						"A message template of the action sink.", ContentAssistEntry.KIND_VALUE, context, acceptor);
			}
			return;
		}
		super._createProposals(assignment, context, acceptor);
	}

	@Override
	protected void _createProposals(Keyword keyword, ContentAssistContext context,
			IIdeContentProposalAcceptor acceptor) {
		if (afterStageParenthesis(context)) {
			return; // a phase: the journey's phases are proposed, not every word a name may be
		}
		String doc = KEYWORD_DOCS.get(keyword.getValue());
		if (doc == null || !filterKeyword(keyword, context)) {
			super._createProposals(keyword, context, acceptor);
			return;
		}
		ContentAssistEntry entry = getProposalCreator().createProposal(keyword.getValue(), context,
				ContentAssistEntry.KIND_KEYWORD, it -> {
					it.setDescription(doc.substring(0, doc.indexOf(':')).toLowerCase());
					it.setDocumentation(doc);
				});
		if (entry != null) {
			acceptor.accept(entry, getProposalPriorities().getKeywordPriority(keyword.getValue(), entry));
		}
	}

	private void accept(String proposal, String description, String documentation, String kind,
			ContentAssistContext context, IIdeContentProposalAcceptor acceptor) {
		ContentAssistEntry entry = getProposalCreator().createProposal(proposal, context, kind, it -> {
			it.setDescription(description);
			it.setDocumentation(documentation);
		});
		if (entry != null) {
			acceptor.accept(entry, VALUE_PRIORITY);
		}
	}

	/** Fields of the event named just before the ".", or of a test's trigger event, else all fields. */
	private List<? extends EObject> fieldsInContext(Journey journey, ContentAssistContext context) {
		EventDecl event = eventBeforeDot(journey, context);
		if (event == null && context.getCurrentModel() != null) {
			io.itinera.dsl.journey.TestEvent trigger = org.eclipse.xtext.EcoreUtil2.getContainerOfType(context.getCurrentModel(),
					io.itinera.dsl.journey.TestEvent.class);
			TestCase test = org.eclipse.xtext.EcoreUtil2.getContainerOfType(context.getCurrentModel(), TestCase.class);
			if (trigger == null && test != null) {
				for (EObject step : test.getSteps()) { // the test's latest event before the cursor
					INode node = NodeModelUtils.getNode(step);
					if (step instanceof io.itinera.dsl.journey.TestEvent candidate && node != null
							&& node.getOffset() < context.getOffset()) {
						trigger = candidate;
					}
				}
			}
			if (trigger != null) {
				event = trigger.getEvent();
			}
		}
		if (event != null && !event.eIsProxy()) {
			return event.getFields();
		}
		return JourneyDeclarations.ofType(journey, JourneyPackage.Literals.FIELD);
	}

	private boolean afterStageParenthesis(ContentAssistContext context) {
		INode last = context.getLastCompleteNode();
		ILeafNode leaf = last instanceof ILeafNode l && l.isHidden() ? previousVisibleLeaf(l) : asLeaf(last);
		return leaf != null && leaf.getGrammarElement() == grammar.getStageAccess().getLeftParenthesisKeyword_2_0();
	}

	private EventDecl eventBeforeDot(Journey journey, ContentAssistContext context) {
		INode last = context.getLastCompleteNode();
		ILeafNode dot = last instanceof ILeafNode leaf && leaf.isHidden() ? previousVisibleLeaf(leaf) : asLeaf(last);
		if (dot == null || !".".equals(dot.getText())) {
			return null;
		}
		ILeafNode name = previousVisibleLeaf(dot);
		if (name == null) {
			return null;
		}
		EObject event = JourneyDeclarations.named(journey, JourneyPackage.Literals.EVENT_DECL, name.getText());
		return (EventDecl) event;
	}

	private static ILeafNode asLeaf(INode node) {
		return node instanceof ILeafNode leaf ? leaf : null;
	}

	private static ILeafNode previousVisibleLeaf(INode node) {
		INode root = node.getRootNode();
		ILeafNode previous = null;
		for (ILeafNode leaf : root.getLeafNodes()) {
			if (leaf.getTotalOffset() >= node.getTotalOffset()) {
				break;
			}
			if (!leaf.isHidden()) {
				previous = leaf;
			}
		}
		return previous;
	}

	private static Set<String> templatesUsed(Journey journey) {
		Set<String> templates = new LinkedHashSet<>();
		if (journey == null) {
			return templates;
		}
		journey.eAllContents().forEachRemaining(element -> {
			if (element instanceof SendAction send && send.getTemplate() != null) {
				templates.add(send.getTemplate());
			} else if (element instanceof SendExpectation expectation && expectation.getTemplate() != null) {
				templates.add(expectation.getTemplate());
			}
		});
		return templates;
	}

	private static String kindOf(EObject candidate) {
		return switch (candidate.eClass().getName()) {
			case "Stage" -> ContentAssistEntry.KIND_CLASS;
			case "EventDecl" -> ContentAssistEntry.KIND_INTERFACE;
			case "Field", "Attribute" -> ContentAssistEntry.KIND_FIELD;
			case "FeatureDecl" -> ContentAssistEntry.KIND_VARIABLE;
			case "ModelDecl" -> ContentAssistEntry.KIND_FUNCTION;
			case "Campaign", "Split" -> ContentAssistEntry.KIND_MODULE;
			default -> ContentAssistEntry.KIND_REFERENCE;
		};
	}
}
