package io.itinera.runtime.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.itinera.runtime.plan.JourneyPlan;
import io.itinera.runtime.plan.PlanJson;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plans of a workspace's journeys as one JSON text, for the state's plan record:
 * {@code {"workspace": [plan, …]}}, each plan in {@link PlanJson}'s form, so a resumed run can
 * compare every journey with the version its customers were laid out for.
 */
public final class WorkspacePlans {
	private static final ObjectMapper MAPPER = JsonMapper.builder().build();

	private WorkspacePlans() {
	}

	public static String write(List<JourneyPlan> plans) {
		ObjectNode root = MAPPER.createObjectNode();
		ArrayNode array = root.putArray("workspace");
		try {
			for (JourneyPlan plan : plans) {
				array.add(MAPPER.readTree(PlanJson.write(plan)));
			}
			return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
		} catch (IOException e) {
			throw new IllegalStateException("cannot write the workspace's plans", e);
		}
	}

	/** Whether a saved plan record is a workspace's (else it is one journey's plan). */
	public static boolean isWorkspace(String json) {
		try {
			JsonNode tree = MAPPER.readTree(json);
			return tree != null && tree.has("workspace");
		} catch (IOException e) {
			return false;
		}
	}

	/** Journey name to plan. @throws PlanJson.PlanFormatException when the text is not a workspace's plans */
	public static Map<String, JourneyPlan> read(String json) {
		Map<String, JourneyPlan> plans = new LinkedHashMap<>();
		try {
			JsonNode tree = MAPPER.readTree(json);
			JsonNode array = tree == null ? null : tree.get("workspace");
			if (array == null || !array.isArray()) {
				throw new PlanJson.PlanFormatException("not a workspace's plans");
			}
			for (JsonNode plan : array) {
				JourneyPlan read = PlanJson.read(MAPPER.writeValueAsString(plan));
				plans.put(read.name(), read);
			}
		} catch (IOException e) {
			throw new PlanJson.PlanFormatException("not a valid workspace plan record: " + e.getMessage());
		}
		return plans;
	}
}
