package io.itinera.dsl.ide.facts;

import java.util.List;
import java.util.stream.Collectors;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.documentation.IEObjectDocumentationProvider;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;

import com.google.inject.Inject;

import io.itinera.dsl.journey.Attribute;
import io.itinera.dsl.journey.Campaign;
import io.itinera.dsl.journey.EventDecl;
import io.itinera.dsl.journey.FeatureDecl;
import io.itinera.dsl.journey.Field;
import io.itinera.dsl.journey.ModelDecl;
import io.itinera.dsl.journey.Split;
import io.itinera.dsl.journey.Stage;
import io.itinera.dsl.journey.Transition;

/**
 * What the editor says about a declaration: a one-line kind for completion lists and a
 * markdown definition (a feature's formula, a model's inputs and output, a stage's phase and
 * transitions) for hovers and completion documentation, preceded by the doc comment.
 */
public class JourneySummaries {

	@Inject
	private IEObjectDocumentationProvider documentation;

	public String docComment(EObject element) {
		String doc = documentation.getDocumentation(element);
		return doc == null ? "" : doc.trim();
	}

	/** The doc comment, then the definition as markdown; empty for elements that are not declarations. */
	public String markdown(EObject element) {
		String definition = definition(element);
		if (definition.isEmpty()) {
			return "";
		}
		String doc = docComment(element);
		return doc.isEmpty() ? definition : doc + "\n\n---\n\n" + definition;
	}

	/** Plain text for completion items, whose documentation is shown as is. */
	public String plainText(EObject element) {
		String doc = docComment(element);
		String definition = definition(element).replace("```journey\n", "").replace("\n```", "").replace("`", "");
		return doc.isEmpty() ? definition : doc + "\n\n" + definition;
	}

	public String kind(EObject element) {
		if (element instanceof Stage stage) {
			return stage.getPhase() == null ? "stage" : "stage (" + stage.getPhase() + ")";
		}
		if (element instanceof EventDecl) {
			return "event";
		}
		if (element instanceof Field field) {
			return "field " + field.getType().getLiteral() + " of " + ((EventDecl) field.eContainer()).getName();
		}
		if (element instanceof Attribute attribute) {
			return "customer attribute: " + attribute.getType().getLiteral();
		}
		if (element instanceof FeatureDecl feature) {
			return "feature = " + source(feature.getDefinition());
		}
		if (element instanceof ModelDecl model) {
			return "model score (" + model.getOutput() + ")";
		}
		if (element instanceof Campaign) {
			return "campaign";
		}
		if (element instanceof io.itinera.dsl.journey.SegmentDecl segment) {
			return "segment = " + source(segment.getCondition());
		}
		if (element instanceof Split) {
			return "split";
		}
		return element.eClass().getName();
	}

	public String definition(EObject element) {
		if (element instanceof Stage stage) {
			return stageDefinition(stage);
		}
		if (element instanceof EventDecl event) {
			String fields = event.getFields().stream()
					.map(field -> field.getName() + ": " + field.getType().getLiteral())
					.collect(Collectors.joining("  "));
			return code("event " + event.getName() + (fields.isEmpty() ? "" : " { " + fields + " }"));
		}
		if (element instanceof Field field) {
			return code(field.getName() + ": " + field.getType().getLiteral()) + "\n\nField of event `"
					+ ((EventDecl) field.eContainer()).getName() + "`.";
		}
		if (element instanceof Attribute attribute) {
			return code(attribute.getName() + ": " + attribute.getType().getLiteral()) + "\n\nCustomer attribute.";
		}
		if (element instanceof FeatureDecl feature) {
			return code("feature " + feature.getName() + " = " + source(feature.getDefinition()));
		}
		if (element instanceof ModelDecl model) {
			String inputs = model.getInputs().stream().map(FeatureDecl::getName).collect(Collectors.joining(", "));
			String column = model.getColumn() == 0 ? "" : "[" + model.getColumn() + "]";
			return code("model " + model.getName() + " \"" + model.getPath() + "\"")
					+ "\n\n- inputs: " + inputs
					+ "\n- output: " + model.getOutput() + column
					+ (model.getDevice() == null ? "" : "\n- device: " + model.getDevice().getLiteral());
		}
		if (element instanceof Campaign campaign) {
			String stages = campaign.getStages().stream().map(Stage::getName).collect(Collectors.joining(", "));
			return code("campaign " + campaign.getName() + " in " + stages) + "\n\n" + campaign.getRules().size()
					+ " rule(s)" + (campaign.getDrl() == null ? "" : " and a DRL block");
		}
		if (element instanceof Split split) {
			return code(source(split));
		}
		if (element instanceof io.itinera.dsl.journey.SegmentDecl segment) {
			return code(source(segment)) + "\n\nSegment: the customers for whom this condition holds now.";
		}
		return "";
	}

	private String stageDefinition(Stage stage) {
		StringBuilder text = new StringBuilder(code("stage " + stage.getName()
				+ (stage.getPhase() == null ? "" : " (" + stage.getPhase() + ")")));
		List<Transition> transitions = stage.getTransitions();
		if (transitions.isEmpty()) {
			text.append("\n\nNo transitions: customers stay here.");
		} else {
			text.append("\n\nTransitions:");
			for (Transition transition : transitions) {
				text.append("\n- `").append(source(transition)).append('`');
			}
		}
		return text.toString();
	}

	private static String code(String source) {
		return "```journey\n" + source + "\n```";
	}

	/** The element's tokens as written, on one line, without comments. */
	public static String source(EObject element) {
		ICompositeNode node = element == null ? null : NodeModelUtils.findActualNodeFor(element);
		return node == null ? "" : NodeModelUtils.getTokenText(node);
	}
}
