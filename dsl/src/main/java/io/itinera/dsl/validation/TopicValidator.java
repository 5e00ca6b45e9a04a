package io.itinera.dsl.validation;

import io.itinera.dsl.journey.Campaign;
import io.itinera.dsl.journey.Delivery;
import io.itinera.dsl.journey.Journey;
import io.itinera.dsl.journey.JourneyPackage;
import io.itinera.dsl.journey.SendAction;
import io.itinera.dsl.journey.SendExpectation;
import io.itinera.dsl.journey.TopicDecl;
import io.itinera.runtime.plan.Channel;
import io.itinera.runtime.plan.Topic;
import io.itinera.runtime.workspace.WorkspaceFile;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.validation.Check;

/**
 * Subscription topics: every topic a send or a campaign names is declared, in the journey or in the
 * {@code itinera.workspace} of its folder, on the send's channel; a topic is declared once; {@code because
 * not subscribed} goes with {@code expect no send}.
 */
public class TopicValidator extends ComposedJourneyCheck {
	private static final JourneyPackage J = JourneyPackage.eINSTANCE;

	@Check
	public void topicDeclaredOnce(TopicDecl topic) {
		Journey journey = EcoreUtil2.getContainerOfType(topic, Journey.class);
		for (TopicDecl other : EcoreUtil2.getAllContentsOfType(journey, TopicDecl.class)) {
			if (other == topic) {
				return;
			}
			if (other.getName() != null && other.getName().equals(topic.getName()) && other.getChannel() == topic.getChannel()) {
				error("Topic " + topic.getName() + " on " + topic.getChannel().getLiteral() + " is declared twice; keep one line.",
						topic, J.getTopicDecl_Name(), JourneyIssueCodes.DUPLICATE_TOPIC);
				return;
			}
		}
	}

	@Check
	public void sendTopicDeclared(SendAction send) {
		if (send.getTopic() != null) {
			checkTopic(send, send.getTopic(), channel(send.getChannel()), J.getSendAction_Topic());
		}
	}

	@Check
	public void campaignTopicDeclared(Campaign campaign) {
		if (campaign.getTopic() == null) {
			return;
		}
		List<Topic> declared = declaredTopics(campaign);
		if (declared.stream().noneMatch(t -> t.name().equals(campaign.getTopic()))) {
			error(undeclared(campaign.getTopic(), declared), campaign, J.getCampaign_Topic(), JourneyIssueCodes.UNDECLARED_TOPIC);
			return;
		}
		for (SendAction send : EcoreUtil2.getAllContentsOfType(campaign, SendAction.class)) {
			if (send.getTopic() == null) {
				checkTopic(send, campaign.getTopic(), channel(send.getChannel()), J.getSendAction_Channel());
			}
		}
	}

	@Check
	public void notSubscribedGoesWithNoSend(SendExpectation expectation) {
		if (expectation.isNotSubscribed() && (!expectation.isNegated() || expectation.getDelivery() != Delivery.SEND)) {
			error("`because not subscribed` says why a message was not sent: write `expect no send " + expectation.getChannel()
					.getLiteral() + " \"" + expectation.getTemplate() + "\" because not subscribed`.", expectation,
					J.getSendExpectation_NotSubscribed(), JourneyIssueCodes.NOT_SUBSCRIBED_EXPECTATION);
		}
	}

	private void checkTopic(EObject where, String topicName, Channel channel, org.eclipse.emf.ecore.EStructuralFeature feature) {
		List<Topic> declared = declaredTopics(where);
		List<Topic> named = declared.stream().filter(t -> t.name().equals(topicName)).toList();
		if (named.isEmpty()) {
			error(undeclared(topicName, declared), where, feature, JourneyIssueCodes.UNDECLARED_TOPIC);
		} else if (channel != null && named.stream().noneMatch(t -> t.channel() == channel)) {
			String channelWord = channel.name().toLowerCase(Locale.ROOT);
			error("Topic " + topicName + " is declared for " + String.join(", ", named.stream()
					.map(t -> t.channel().name().toLowerCase(Locale.ROOT)).toList()) + ", not " + channelWord
					+ "; declare `topic " + topicName + " " + channelWord + " opt-out` (or opt-in, transactional) or send on its channel.",
					where, feature, JourneyIssueCodes.TOPIC_OF_OTHER_CHANNEL);
		}
	}

	private static String undeclared(String topicName, List<Topic> declared) {
		return "Topic " + topicName + " is not declared; add `topic " + topicName + " email opt-out` (or opt-in, transactional) "
				+ "to the journey, or to itinera.workspace in a workspace"
				+ (declared.isEmpty() ? "." : " (declared: " + String.join(", ", declared.stream().map(Topic::name).distinct().toList())
						+ ").");
	}

	/** The journey's own topics, then those of the {@code itinera.workspace} beside it (if it reads). */
	private static List<Topic> declaredTopics(EObject element) {
		List<Topic> topics = new ArrayList<>();
		Journey journey = EcoreUtil2.getContainerOfType(element, Journey.class);
		if (journey != null) {
			for (TopicDecl topic : EcoreUtil2.getAllContentsOfType(journey, TopicDecl.class)) {
				if (topic.getName() != null && topic.getKind() != null) {
					topics.add(new Topic(topic.getName(), channel(topic.getChannel()), Topic.Kind.valueOf(topic.getKind().name()), null));
				}
			}
		}
		Path folder = folderOf(element);
		if (folder != null) {
			topics.addAll(workspaceTopics(folder));
		}
		return topics;
	}

	private record ReadFile(long modified, long size, List<Topic> topics) {
	}

	/** A folder's workspace file, read again only when it changed (the validator asks for every send). */
	private static final java.util.Map<Path, ReadFile> WORKSPACE_FILES = new java.util.concurrent.ConcurrentHashMap<>();

	private static List<Topic> workspaceTopics(Path folder) {
		Path file = folder.resolve(WorkspaceFile.NAME);
		try {
			if (!java.nio.file.Files.isRegularFile(file)) {
				WORKSPACE_FILES.remove(file);
				return List.of();
			}
			long modified = java.nio.file.Files.getLastModifiedTime(file).toMillis();
			long size = java.nio.file.Files.size(file);
			ReadFile known = WORKSPACE_FILES.get(file);
			if (known != null && known.modified() == modified && known.size() == size) {
				return known.topics();
			}
			List<Topic> topics = WorkspaceFile.readIn(folder).topics();
			WORKSPACE_FILES.put(file, new ReadFile(modified, size, topics));
			return topics;
		} catch (IOException | RuntimeException e) {
			return List.of(); // a workspace file that does not read is reported where it is checked (check DIR)
		}
	}

	private static Path folderOf(EObject element) {
		URI uri = element.eResource() == null ? null : element.eResource().getURI();
		if (uri == null || !uri.isFile()) {
			return null;
		}
		try {
			Path parent = Path.of(uri.toFileString()).toAbsolutePath().getParent();
			return parent;
		} catch (InvalidPathException e) {
			return null;
		}
	}

	private static Channel channel(io.itinera.dsl.journey.Channel channel) {
		return channel == null ? null : Channel.valueOf(channel.getName());
	}
}
