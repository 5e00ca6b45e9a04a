package io.itinera.runtime.simulate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.itinera.runtime.driver.CustomerSlot;
import io.itinera.runtime.driver.StepDriver;
import io.itinera.runtime.plan.Attribute;
import io.itinera.runtime.plan.EventType;
import io.itinera.runtime.plan.FieldDecl;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.simulate.ResponseModel.Answer;
import io.itinera.runtime.step.ActionRecord;
import io.itinera.runtime.step.Event;
import io.itinera.runtime.step.StepResult;
import io.itinera.runtime.step.TimerRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The simulator's market (host side; the step function stays pure): when the journey sends a message, it
 * draws from the {@link ResponseModel} whether and when the customer opens, clicks and buys, and puts those
 * answers into the customer's stream as events at their event time, so the journey reacts to them. Draws
 * depend on the seed and the message's id only (itself a function of the customer's inputs), never on the
 * order customers are interleaved in. The log must be in time order across customers (as generated logs
 * are): an answer goes in when the log's time passes it, and every customer's timers due by then fire first,
 * so a message a timer sends is answered in time too.
 */
public final class SimulatedMarket {
	private static final ObjectMapper JSON = new ObjectMapper();
	private static final Comparator<Pending> ORDER = Comparator.comparingLong(Pending::at).thenComparing(Pending::customerId)
			.thenComparing(Pending::message).thenComparingInt(p -> p.answer().ordinal());

	private final ResponseModel model;
	private final EventType[] injectedTypes = new EventType[3];
	private final Map<String, Integer> attributeIndex = new HashMap<>();
	private final Writer events;
	private final PriorityQueue<Pending> answers = new PriorityQueue<>(ORDER);
	/** When a customer's timers or held events become due (stale entries do nothing). */
	private final PriorityQueue<TimerDue> timers = new PriorityQueue<>(
			Comparator.comparingLong(TimerDue::at).thenComparing(TimerDue::customerId).thenComparingLong(TimerDue::upTo));
	private final Map<Integer, ResponseFigures> figures = new LinkedHashMap<>();
	private final BestHourRegret bestHourRegret;
	private final ChoiceRegret choiceRegret;
	private long late;

	/** An answer drawn, waiting for its time. */
	private record Pending(long at, String customerId, String message, Answer answer, ActionRecord action, double amount,
			int response) {
	}

	/** At {@code at}, the customer's inputs up to {@code upTo} are applied: a timer due, or an event held for the lateness. */
	private record TimerDue(long at, String customerId, long upTo) {
	}

	/** What one entry of the model answered, and what its true parameters expected. */
	private static final class ResponseFigures {
		long messages;
		final long[] drawn = new long[3];
		final long[] injected = new long[3];
		final double[] expected = new double[3];
		double revenue;
		double expectedRevenue;
	}

	/**
	 * {@code events} gets each injected answer as a line of the log's JSON format with {@code "simulated": true}
	 * (null: not written). @throws IllegalArgumentException when the model names an event the journey does not declare
	 */
	public SimulatedMarket(ResponseModel model, JourneyPlan plan, Writer events) {
		this.model = model;
		this.events = events;
		for (Answer answer : Answer.values()) {
			String name = model.eventTypes[answer.ordinal()];
			if (name != null) {
				injectedTypes[answer.ordinal()] = plan.events().stream().filter(e -> e.name().equals(name)).findFirst()
						.orElseThrow(() -> new IllegalArgumentException("the market's events." + answer.key() + " is \"" + name
								+ "\", which journey " + plan.name() + " does not declare: declare `event " + name
								+ " { }` or name one of its events"));
			}
		}
		for (int i = 0; i < plan.attributes().size(); i++) {
			Attribute attribute = plan.attributes().get(i);
			attributeIndex.put(attribute.name(), i);
		}
		for (ResponseModel.Response response : model.responses) {
			figures.put(response.index(), new ResponseFigures());
		}
		bestHourRegret = new BestHourRegret(plan);
		choiceRegret = new ChoiceRegret(plan);
	}

	/**
	 * An event went to the driver, which holds it for the lateness ({@code --lateness}) in case an earlier one of
	 * the customer's comes: once event time has passed it by the lateness, it is applied (with the timers due by
	 * then), so the messages it leads to are answered in time.
	 */
	void onEvent(Event event, long latenessMillis) {
		timers.add(new TimerDue(event.at() + latenessMillis, event.customerId(), event.at()));
	}

	/** After each step: the timers it set are watched, and each message it sent gets its answers drawn. */
	void onStep(CustomerSlot customer, StepResult result) {
		for (TimerRequest timer : result.timersToSet()) {
			timers.add(new TimerDue(timer.dueAt(), customer.customerId(), timer.dueAt()));
		}
		for (ActionRecord action : result.actions()) {
			ResponseModel.Response response = model.responseTo(action, name -> attribute(customer, name));
			if (response != null) {
				draw(customer, action, response);
			}
		}
	}

	private void draw(CustomerSlot customer, ActionRecord action, ResponseModel.Response response) {
		Function<String, Object> attributes = name -> attribute(customer, name);
		int hour = localHour(customer, action.at());
		double[] p = model.probabilities(response, attributes, hour);
		if (bestHourRegret.judges(action)) {
			bestHourRegret.answered(action, h -> model.probabilities(response, attributes, h)[Answer.OPEN.ordinal()], hour,
					model.hourCurveOf(attributes));
		}
		choiceRegret.answered(action, model, attributes, hour);
		ResponseFigures counted = figures.get(response.index());
		counted.messages++;
		double reach = 1;
		long at = action.at();
		boolean answered = true;
		double amount = response.amountMin() + (response.amountMax() - response.amountMin()) * uniform(action.id(), 6);
		for (Answer answer : Answer.values()) {
			int a = answer.ordinal();
			reach *= p[a];
			counted.expected[a] += reach;
			if (answered && uniform(action.id(), a) < p[a]) {
				at += model.delayMin[a] + (long) ((model.delayMax[a] - model.delayMin[a]) * uniform(action.id(), 3 + a));
				counted.drawn[a]++;
				answers.add(new Pending(at, action.customerId(), action.id(), answer, action, amount, response.index()));
			} else {
				answered = false;
			}
		}
		counted.expectedRevenue += model.expected(action, attributes, hour).revenue();
		if (answered) {
			counted.revenue += amount;
		}
	}

	/**
	 * Event time has come to {@code time}: every answer and every customer's timer due by then goes in, in
	 * time order (a timer before an answer at the same instant, as the driver fires a customer's timers before
	 * an event). {@code inject} applies an answer and says whether the driver took it (false: it was late).
	 */
	void runUntil(long time, StepDriver driver, Predicate<Event> inject) {
		while (true) {
			TimerDue timer = timers.peek();
			Pending answer = answers.peek();
			if (timer != null && timer.at() <= time && (answer == null || timer.at() <= answer.at())) {
				timers.poll();
				driver.advanceCustomer(timer.customerId(), timer.upTo());
			} else if (answer != null && answer.at() <= time) {
				answers.poll();
				EventType type = injectedTypes[answer.answer().ordinal()];
				if (type != null) {
					Event event = event(type, answer);
					write(event, answer);
					if (inject.test(event)) {
						figures.get(answer.response()).injected[answer.answer().ordinal()]++;
					} else {
						late++;
					}
				}
			} else {
				return;
			}
		}
	}

	/** Whether an answer or a watched timer is due by {@code time}. */
	boolean hasDue(long time) {
		return (!answers.isEmpty() && answers.peek().at() <= time) || (!timers.isEmpty() && timers.peek().at() <= time);
	}

	/** Answers drawn but due after the end of the replay (never injected). */
	long afterTheEnd() {
		return answers.size();
	}

	private static Event event(EventType type, Pending answer) {
		Map<String, Object> fields = new LinkedHashMap<>();
		ActionRecord action = answer.action();
		for (FieldDecl field : type.fields()) {
			Object value = switch (field.name()) {
				case "campaign", "arm" -> action.campaign();
				case "rule" -> action.rule();
				case "channel" -> action.channel();
				case "template" -> action.target();
				case "message" -> action.id();
				case "simulated" -> Boolean.TRUE;
				case "orderId", "order" -> "sim-" + action.id();
				default -> answer.answer() == Answer.PURCHASE && isAmount(field) ? answer.amount()
						: action.params() == null ? null : action.params().get(field.name());
			};
			if (value != null) {
				fields.put(field.name(), typed(field, value));
			}
		}
		return new Event(answer.customerId(), answer.at(), type.name(), fields);
	}

	private static boolean isAmount(FieldDecl field) {
		return field.type().isNumeric() && (field.name().equals("amount") || field.name().equals("value")
				|| field.name().equals("revenue"));
	}

	private static Object typed(FieldDecl field, Object value) {
		try {
			return switch (field.type()) {
				case STRING -> String.valueOf(value);
				case DECIMAL -> value instanceof Number n ? n.doubleValue() : Double.parseDouble(value.toString());
				case INT -> value instanceof Number n ? n.longValue() : Long.parseLong(value.toString());
				case BOOLEAN -> value instanceof Boolean b ? b : Boolean.parseBoolean(value.toString());
			};
		} catch (NumberFormatException e) {
			return null;
		}
	}

	private void write(Event event, Pending answer) {
		if (events == null) {
			return;
		}
		ObjectNode line = JSON.createObjectNode();
		line.put("customer", event.customerId());
		line.put("time", Instant.ofEpochMilli(event.at()).toString());
		line.put("type", event.type());
		event.fields().entrySet().stream().sorted(Map.Entry.comparingByKey())
				.forEach(field -> line.putPOJO(field.getKey(), field.getValue()));
		line.put("simulated", true);
		line.put("answers", answer.message());
		try {
			events.write(JSON.writeValueAsString(line));
			events.write('\n');
		} catch (IOException e) {
			throw new UncheckedIOException("cannot write the market's events: " + e.getMessage(), e);
		}
	}

	private Object attribute(CustomerSlot customer, String name) {
		Integer index = attributeIndex.get(name);
		return index == null || customer.state() == null ? null : customer.state().attribute(index);
	}

	/** The hour (0..23) the message arrives at in the customer's time zone (their attribute, else the model's zone). */
	private int localHour(CustomerSlot customer, long at) {
		ZoneId zone = model.zone;
		Object named = attribute(customer, model.zoneAttribute);
		if (named instanceof String id && !id.isBlank()) {
			try {
				zone = ZoneId.of(id);
			} catch (DateTimeException e) {
				// an unknown zone falls back to the model's, as quiet hours fall back to --zone
			}
		}
		return Instant.ofEpochMilli(at).atZone(zone).getHour();
	}

	/** A uniform number in [0, 1) from the seed, the message and what is drawn ({@code salt}): SplitMix64. */
	private double uniform(String message, int salt) {
		long h = 0xcbf29ce484222325L;
		for (int i = 0; i < message.length(); i++) {
			h = (h ^ message.charAt(i)) * 0x100000001b3L;
		}
		long z = model.seed * 0x9E3779B97F4A7C15L + h + (salt + 1) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		z = z ^ (z >>> 31);
		return (z >>> 11) * 0x1.0p-53;
	}

	/** What the market did, per entry of the model, as market.json says it. */
	public String figuresJson() {
		try {
			return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(figures()) + "\n";
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** What the market did, per entry of the model: messages answered, each answer's counts, observed and true rates. */
	public LearningFigures.MarketFigures figures() {
		java.util.List<LearningFigures.MarketResponse> responses = new java.util.ArrayList<>();
		for (ResponseModel.Response response : model.responses) {
			ResponseFigures counted = figures.get(response.index());
			LearningFigures.AnswerFigures[] answers = new LearningFigures.AnswerFigures[3];
			for (Answer answer : Answer.values()) {
				int a = answer.ordinal();
				answers[a] = new LearningFigures.AnswerFigures(counted.drawn[a], counted.injected[a],
						counted.messages == 0 ? 0 : (double) counted.drawn[a] / counted.messages,
						counted.messages == 0 ? 0 : counted.expected[a] / counted.messages);
			}
			responses.add(new LearningFigures.MarketResponse(response.label(), counted.messages, answers[0], answers[1], answers[2],
					counted.revenue, counted.expectedRevenue));
		}
		return new LearningFigures.MarketFigures(model.seed, responses, late, afterTheEnd());
	}

	/**
	 * The learning decisions the market can judge, with their regret: each {@code send … at best hour}, each
	 * auto-winner split, each best-offer send.
	 */
	public java.util.List<LearningFigures.LearningDecision> decisions() {
		java.util.List<LearningFigures.LearningDecision> decisions = new java.util.ArrayList<>(bestHourRegret.decisions());
		decisions.addAll(choiceRegret.decisions());
		return decisions;
	}

	/** One line for the command's summary: messages answered and the answers injected. */
	public String summary() {
		long messages = 0;
		long[] drawn = new long[3];
		long[] injected = new long[3];
		double revenue = 0;
		for (ResponseFigures counted : figures.values()) {
			messages += counted.messages;
			revenue += counted.revenue;
			for (int a = 0; a < 3; a++) {
				drawn[a] += counted.drawn[a];
				injected[a] += counted.injected[a];
			}
		}
		return String.format(java.util.Locale.ROOT,
				"Market (seed %d): %,d messages answered with %,d opens, %,d clicks, %,d purchases (revenue %,.2f); "
						+ "%,d simulated events injected, %,d late, %,d due after the end",
				model.seed, messages, drawn[0], drawn[1], drawn[2], revenue, injected[0] + injected[1] + injected[2], late,
				afterTheEnd());
	}
}
