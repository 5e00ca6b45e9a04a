package io.itinera.dsl.formatting2;

import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.formatting2.AbstractJavaFormatter;
import org.eclipse.xtext.formatting2.IFormattableDocument;
import org.eclipse.xtext.formatting2.ITextReplacer;
import org.eclipse.xtext.formatting2.ITextReplacerContext;
import org.eclipse.xtext.formatting2.regionaccess.IComment;
import org.eclipse.xtext.formatting2.regionaccess.ITextSegment;
import org.eclipse.xtext.formatting2.regionaccess.ISemanticRegion;

import io.itinera.dsl.journey.Aggregate;
import io.itinera.dsl.journey.Campaign;
import io.itinera.dsl.journey.CustomerDecl;
import io.itinera.dsl.journey.EventDecl;
import io.itinera.dsl.journey.Journey;
import io.itinera.dsl.journey.JourneyElement;
import io.itinera.dsl.journey.ModelDecl;
import io.itinera.dsl.journey.JourneyPackage;
import io.itinera.dsl.journey.Negation;
import io.itinera.dsl.journey.QuietHours;
import io.itinera.dsl.journey.Rule;
import io.itinera.dsl.journey.Split;
import io.itinera.dsl.journey.Stage;
import io.itinera.dsl.journey.TestCase;
import io.itinera.dsl.journey.TestMoment;
import io.itinera.dsl.journey.TestStep;

/**
 * Lays a journey out the way DESIGN.md writes it: one declaration per line, blocks indented by
 * one level, a rule's actions on indented continuation lines, single spaces between tokens and
 * none inside punctuation. Every decision depends only on the syntax tree (and, for field
 * lists, on whether the author wrote them on one line), so formatting twice changes nothing.
 */
public class JourneyFormatter extends AbstractJavaFormatter {

	@Override
	public ITextReplacer createCommentReplacer(IComment comment) {
		if (comment.getGrammarElement() == null) {
			return new UnparsedTextReplacer(comment);
		}
		return super.createCommentReplacer(comment);
	}

	protected void format(Journey journey, IFormattableDocument doc) {
		spaceEveryToken(journey, doc);
		tightenPunctuation(journey, doc);
		ISemanticRegion open = regionFor(journey).keyword("{");
		ISemanticRegion close = regionFor(journey).keyword("}");
		List<JourneyElement> elements = journey.getElements();
		if (elements.isEmpty()) {
			doc.append(open, this::newLine);
			return;
		}
		doc.append(open, this::newLine);
		doc.prepend(close, this::newLine);
		doc.interior(open, close, this::indent);
		for (int i = 1; i < elements.size(); i++) {
			doc.prepend(elements.get(i), it -> it.setNewLines(1, 1, 2));
		}
		for (JourneyElement element : elements) {
			doc.format(element);
		}
	}

	protected void format(CustomerDecl customer, IFormattableDocument doc) {
		inlineOrLinedBlock(customer, customer.getAttributes(), doc);
	}

	protected void format(EventDecl event, IFormattableDocument doc) {
		if (regionFor(event).keyword("{") != null) {
			inlineOrLinedBlock(event, event.getFields(), doc);
		}
	}

	protected void format(ModelDecl model, IFormattableDocument doc) {
		ISemanticRegion open = regionFor(model).keyword("{");
		ISemanticRegion close = regionFor(model).keyword("}");
		doc.append(open, this::newLine);
		doc.prepend(close, this::newLine);
		doc.interior(open, close, this::indent);
		doc.prepend(regionFor(model).keyword("output"), this::newLine);
		ISemanticRegion device = regionFor(model).keyword("device");
		if (device != null) {
			doc.prepend(device, this::newLine);
		}
	}

	protected void format(Stage stage, IFormattableDocument doc) {
		linedBlock(stage, stage.getTransitions(), doc);
	}

	protected void format(Campaign campaign, IFormattableDocument doc) {
		List<EObject> members = new java.util.ArrayList<>();
		members.addAll(campaign.getCaps());
		if (campaign.getQuietHours() != null) {
			members.add(campaign.getQuietHours());
		}
		if (campaign.getSchedule() != null) {
			members.add(campaign.getSchedule());
		}
		members.addAll(campaign.getRules());
		if (campaign.getDrl() != null) {
			members.add(campaign.getDrl());
		}
		members.sort(java.util.Comparator.comparingInt(member -> regionForEObject(member).getOffset()));
		linedBlock(campaign, members, doc);
		if (campaign.getQuietHours() != null) {
			doc.format(campaign.getQuietHours());
		}
		for (Rule rule : campaign.getRules()) {
			doc.format(rule);
		}
	}

	protected void format(Rule rule, IFormattableDocument doc) {
		List<ISemanticRegion> thens = regionFor(rule).keywords("then");
		if (thens.isEmpty()) {
			return;
		}
		for (ISemanticRegion then : thens) {
			doc.prepend(then, this::newLine);
		}
		doc.set(thens.get(0).getPreviousHiddenRegion(), nextHiddenRegion(rule), this::indent);
	}

	protected void format(QuietHours quietHours, IFormattableDocument doc) {
		tightenTimeOfDay(regionFor(quietHours).feature(JourneyPackage.Literals.QUIET_HOURS__START), doc);
		tightenTimeOfDay(regionFor(quietHours).feature(JourneyPackage.Literals.QUIET_HOURS__END), doc);
	}

	/** "22 : 00" is one token to the formatter (a data type rule), so its inner blanks are replaced directly. */
	private void tightenTimeOfDay(ISemanticRegion time, IFormattableDocument doc) {
		if (time == null || !time.getText().matches(".*\\s.*")) {
			return;
		}
		doc.addReplacer(new ITextReplacer() {
			@Override
			public ITextSegment getRegion() {
				return time;
			}

			@Override
			public ITextReplacerContext createReplacements(ITextReplacerContext context) {
				context.addReplacement(time.replaceWith(time.getText().replaceAll("\\s+", "")));
				return context;
			}
		});
	}

	protected void format(Split split, IFormattableDocument doc) {
		doc.append(regionFor(split).keyword("{"), this::oneSpace);
		doc.prepend(regionFor(split).keyword("}"), this::oneSpace);
	}

	protected void format(TestCase test, IFormattableDocument doc) {
		ISemanticRegion open = regionFor(test).keyword("{");
		ISemanticRegion close = regionFor(test).keyword("}");
		doc.append(open, this::newLine);
		doc.prepend(close, this::newLine);
		doc.interior(open, close, this::indent);
		for (TestStep step : test.getSteps()) {
			doc.prepend(step, this::newLine);
			if (step instanceof TestMoment moment) {
				tightenTimeOfDay(regionFor(moment).feature(JourneyPackage.Literals.TEST_MOMENT__TIME), doc);
			}
		}
	}

	/** A block whose members each sit on their own indented line; an empty block stays "{ }". */
	private void linedBlock(EObject owner, List<? extends EObject> members, IFormattableDocument doc) {
		ISemanticRegion open = regionFor(owner).keyword("{");
		ISemanticRegion close = regionFor(owner).keyword("}");
		if (members.isEmpty()) {
			doc.append(open, this::oneSpace);
			return;
		}
		doc.append(open, this::newLine);
		doc.prepend(close, this::newLine);
		doc.interior(open, close, this::indent);
		for (int i = 1; i < members.size(); i++) {
			doc.prepend(members.get(i), this::newLine);
		}
	}

	/**
	 * Field lists read best on one line ("{ email: string  country: string }") until they grow;
	 * the author's choice between one line and one field per line is kept.
	 */
	private void inlineOrLinedBlock(EObject owner, List<? extends EObject> members, IFormattableDocument doc) {
		ISemanticRegion open = regionFor(owner).keyword("{");
		ISemanticRegion close = regionFor(owner).keyword("}");
		boolean writtenOnOneLine = !members.isEmpty() && !isMultiline(owner);
		if (members.isEmpty() || !writtenOnOneLine) {
			linedBlock(owner, members, doc);
			return;
		}
		doc.append(open, this::oneSpace);
		doc.prepend(close, this::oneSpace);
		for (int i = 1; i < members.size(); i++) {
			doc.prepend(members.get(i), it -> it.setSpace("  "));
		}
	}

	/** The default between any two tokens; every more specific rule above overrides it. */
	private void spaceEveryToken(Journey journey, IFormattableDocument doc) {
		boolean first = true;
		for (ISemanticRegion region : allSemanticRegions(journey)) {
			if (!first) {
				doc.prepend(region, it -> {
					it.oneSpace();
					it.lowPriority();
				});
			}
			first = false;
		}
	}

	private void tightenPunctuation(Journey journey, IFormattableDocument doc) {
		for (ISemanticRegion region : allSemanticRegions(journey)) {
			String text = region.getText();
			EObject owner = region.getSemanticElement();
			switch (text) {
				case "." -> {
					doc.prepend(region, this::noSpace);
					doc.append(region, this::noSpace);
				}
				case ",", "%", "]" -> doc.prepend(region, this::noSpace);
				case "[" -> doc.append(region, this::noSpace);
				case ")" -> doc.prepend(region, this::noSpace);
				case "(" -> {
					doc.append(region, this::noSpace);
					if (owner instanceof Aggregate) {
						doc.prepend(region, this::noSpace);
					}
				}
				case ":" -> {
					doc.prepend(region, this::noSpace);
					if (isTimeOfDayColon(region)) {
						doc.append(region, this::noSpace);
					}
				}
				case "-" -> {
					if (owner instanceof Negation) {
						doc.append(region, this::noSpace);
					}
				}
				default -> {
				}
			}
		}
	}

	private static boolean isTimeOfDayColon(ISemanticRegion colon) {
		ISemanticRegion before = colon.getPreviousSemanticRegion();
		ISemanticRegion after = colon.getNextSemanticRegion();
		return before != null && after != null && isDigits(before.getText()) && isDigits(after.getText());
	}

	private static boolean isDigits(String text) {
		return !text.isEmpty() && text.chars().allMatch(Character::isDigit);
	}
}
