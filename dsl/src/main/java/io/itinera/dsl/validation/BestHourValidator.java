package io.itinera.dsl.validation;

import io.itinera.dsl.compiler.BestHourEvents;
import io.itinera.dsl.journey.BestHourClause;
import io.itinera.dsl.journey.Delivery;
import io.itinera.dsl.journey.JourneyPackage;
import io.itinera.dsl.journey.SendExpectation;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.validation.Check;

/**
 * {@code send … at best hour}: it has engagement events to learn from, and its fallback is a time of day;
 * {@code expect send at HH:MM …}: a time of day, on a sent message.
 */
public class BestHourValidator extends ComposedJourneyCheck {
	private static final JourneyPackage J = JourneyPackage.eINSTANCE;
	private static final Pattern TIME_OF_DAY = Pattern.compile("(\\d{1,2}):(\\d{2})");

	@Check
	public void learnsFromEngagement(BestHourClause clause) {
		if (clause.getEvents().isEmpty() && BestHourEvents.of(clause).isEmpty()) {
			error("'at best hour' has no engagement events to learn the customer's hour from: declare an event open or click, "
					+ "or name them with 'from', e.g. at best hour from session_start.", clause, null,
					JourneyIssueCodes.BEST_HOUR_WITHOUT_ENGAGEMENT);
		}
	}

	@Check
	public void fallbackIsATime(BestHourClause clause) {
		checkTimeOfDay(clause, J.getBestHourClause_Fallback(), clause.getFallback());
	}

	@Check
	public void expectedSendTimeIsATime(SendExpectation expectation) {
		checkTimeOfDay(expectation, J.getSendExpectation_Time(), expectation.getTime());
		if (expectation.getTime() != null && expectation.getDelivery() != Delivery.SEND) {
			error("'at HH:MM' says when a message went out: write it after 'expect send' (a held or capped message has not gone).",
					expectation, J.getSendExpectation_Time(), JourneyIssueCodes.INVALID_TIME_OF_DAY);
		}
	}

	private void checkTimeOfDay(EObject owner, EStructuralFeature feature, String text) {
		if (text == null) {
			return;
		}
		Matcher matcher = TIME_OF_DAY.matcher(text.replace(" ", ""));
		if (!(matcher.matches() && Integer.parseInt(matcher.group(1)) < 24 && Integer.parseInt(matcher.group(2)) < 60)) {
			error("'" + text + "' is not a time of day: write HH:MM on a 24-hour clock, e.g. 10:00.", owner, feature,
					JourneyIssueCodes.INVALID_TIME_OF_DAY);
		}
	}
}
