package io.itinera.runtime.simulate;

import java.util.List;

/**
 * The report's figures on when messages go out and on the decisions that learn (issue 25, docs/optimise.md):
 * messages by the customer's local hour per rule; how each {@code send … at best hour} timed its sends; with
 * {@code --market}, the market's answers against its true rates and each learning decision's regret against
 * the best fixed choice the true parameters imply; and the weights an auto-winner split gave its arms over
 * time ({@code split-weights.jsonl}). {@code hostZone}: the zone of customers without a {@code timezone}.
 */
public record LearningFigures(String hostZone, List<HourSends> sendsByHour, List<BestHourFigures> bestHour,
		MarketFigures market, List<LearningDecision> decisions, List<SplitWeight> splitWeights) {

	public LearningFigures {
		sendsByHour = List.copyOf(sendsByHour);
		bestHour = List.copyOf(bestHour);
		decisions = List.copyOf(decisions);
		splitWeights = List.copyOf(splitWeights);
	}

	/** The same figures with more learning decisions (an auto-winner split's, a best offer's). */
	public LearningFigures withDecisions(List<LearningDecision> more) {
		List<LearningDecision> all = new java.util.ArrayList<>(decisions);
		all.addAll(more);
		return new LearningFigures(hostZone, sendsByHour, bestHour, market, all, splitWeights);
	}

	/** The same figures with an auto-winner split's weights over time. */
	public LearningFigures withSplitWeights(List<SplitWeight> weights) {
		return new LearningFigures(hostZone, sendsByHour, bestHour, market, decisions, weights);
	}

	/** A rule's messages sent (held ones when released), by the local hour 0..23 they went out at in the customer's zone. */
	public record HourSends(String campaign, String rule, long sent, long[] byLocalHour) {
	}

	/**
	 * A {@code send … at best hour}: {@code decided} sends (each once, when the rule decided it), of which
	 * {@code trusted} were timed by the customer's own best hour, {@code fallback} by the fallback time (hours not
	 * yet trusted), {@code untrustedAtOnce} went at once (not trusted, no fallback); {@code heldForBestHour} were
	 * held for their hour, {@code heldByQuietHours} held by quiet hours (also after the best hour),
	 * {@code sentAtOnce} went when decided; {@code released} held ones went out later, by the local hour of
	 * their release ({@code releasesByLocalHour}), {@code dropped} were dropped at release. {@code fallbackTime}
	 * is HH:MM, or null when the send has none.
	 */
	public record BestHourFigures(String campaign, String rule, String channel, String template, String fallbackTime,
			long decided, long trusted, long fallback, long untrustedAtOnce, long heldForBestHour, long heldByQuietHours,
			long sentAtOnce, long released, long dropped, long[] releasesByLocalHour) {
	}

	/** What a simulated market answered ({@code market.json}): per entry of its file, observed and true rates. */
	public record MarketFigures(long seed, List<MarketResponse> responses, long late, long afterTheEnd) {
		public MarketFigures {
			responses = List.copyOf(responses);
		}
	}

	/**
	 * One entry of the market file ({@code match}: its keys, as {@code campaign=A}): the messages it answered,
	 * per answer the counts and rates, the revenue drawn and the true expected revenue.
	 */
	public record MarketResponse(String match, long messages, AnswerFigures open, AnswerFigures click,
			AnswerFigures purchase, double revenue, double trueRevenue) {
	}

	/**
	 * One answer of an entry: {@code answered} drawn, {@code injected} into the stream, {@code rate} observed per
	 * message, {@code trueRate} the mean of the true probabilities of the messages sent.
	 */
	public record AnswerFigures(long answered, long injected, double rate, double trueRate) {
	}

	/**
	 * A decision that learns, against the best fixed choice the market's true parameters imply: over
	 * {@code decisions} decisions, the expected {@code measure} of what it chose ({@code chosen}) and of
	 * {@code bestFixed} (described in {@code bestFixedChoice}); {@code regret} = bestFixed − chosen (negative:
	 * the learner did better than any one fixed choice); {@code others}: more fixed choices to compare with
	 * (the fallback time). {@code kind}: {@code best hour}, {@code auto winner}, {@code best offer}.
	 */
	public record LearningDecision(String name, String kind, String measure, long decisions, double chosen,
			String bestFixedChoice, double bestFixed, double regret, List<Alternative> others, String note) {
		public LearningDecision {
			others = List.copyOf(others);
		}
	}

	/** Another fixed choice and its expected measure over the same decisions. */
	public record Alternative(String choice, double value) {
	}

	/**
	 * One line of {@code split-weights.jsonl}: at {@code epoch} (a number or a time, as written), the arm's
	 * customers exposed and their conversions so far, and the weight the split gives it from then on.
	 */
	public record SplitWeight(String epoch, String split, String arm, long exposures, long conversions, double weight) {
	}
}
