package io.itinera.runtime.step;

import io.itinera.runtime.plan.Action;
import io.itinera.runtime.plan.Campaign;
import io.itinera.runtime.plan.CampaignRule;
import io.itinera.runtime.plan.JourneyPlan;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The subscription topic of each send a journey's rules can decide: the one the send names, else its
 * campaign's (raw DRL sends: the campaign's). Read from the plan once, so an action needs no topic of its own.
 */
public final class SendTopics {
	private final Map<String, String> bySend = new HashMap<>();
	private final Map<String, String> byCampaign = new HashMap<>();

	public SendTopics(JourneyPlan plan) {
		for (Campaign campaign : plan.campaigns()) {
			if (campaign.topic() != null) {
				byCampaign.put(campaign.name(), campaign.topic());
			}
			for (CampaignRule rule : campaign.rules()) {
				for (Action action : rule.actions()) {
					if (action instanceof Action.Send send && send.topic() != null) {
						bySend.put(key(campaign.name(), rule.title(), send.channel().name().toLowerCase(Locale.ROOT), send.template()),
								send.topic());
					}
				}
			}
		}
		for (io.itinera.runtime.plan.Broadcast broadcast : plan.broadcasts()) {
			Action.Send send = broadcast.send();
			if (send.topic() != null) {
				bySend.put(key(broadcast.name(), Broadcasts.RULE, send.channel().name().toLowerCase(Locale.ROOT), send.template()),
						send.topic());
			}
		}
	}

	public boolean isEmpty() {
		return bySend.isEmpty() && byCampaign.isEmpty();
	}

	/** The topic of a decided send, or null when neither it nor its campaign names one. */
	public String of(ActionRecord send) {
		if (isEmpty()) {
			return null;
		}
		String channel = send.channel() == null ? "" : send.channel().toLowerCase(Locale.ROOT);
		String topic = bySend.get(key(send.campaign(), send.rule(), channel, send.target()));
		return topic != null ? topic : byCampaign.get(send.campaign());
	}

	private static String key(String campaign, String rule, String channel, String template) {
		return campaign + '\0' + rule + '\0' + channel + '\0' + template;
	}
}
