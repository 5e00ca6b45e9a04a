package io.itinera.runtime.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The versioned JSON form of a plan. Reading refuses a {@code formatVersion} newer than this code
 * knows, so an old runtime never half-understands a new plan.
 */
public final class PlanJson {
	private static final ObjectMapper MAPPER = JsonMapper.builder()
			.enable(SerializationFeature.INDENT_OUTPUT)
			.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.build();

	private PlanJson() {
	}

	public static String write(JourneyPlan plan) {
		try {
			return MAPPER.writeValueAsString(plan);
		} catch (JsonProcessingException e) {
			throw new IllegalStateException("cannot write plan " + plan.name() + " as JSON", e);
		}
	}

	/** @throws PlanFormatException when the text is not a plan this code can read */
	public static JourneyPlan read(String json) {
		try {
			JsonNode tree = MAPPER.readTree(json);
			JsonNode version = tree == null ? null : tree.get("formatVersion");
			if (version == null || !version.canConvertToInt()) {
				throw new PlanFormatException("not a journey plan: it has no formatVersion");
			}
			if (version.intValue() > JourneyPlan.FORMAT_VERSION || version.intValue() < 1) {
				throw new PlanFormatException("plan format " + version.intValue() + " is not supported (this runtime reads up to "
						+ JourneyPlan.FORMAT_VERSION + "); recompile the journey with this version");
			}
			return MAPPER.treeToValue(tree, JourneyPlan.class);
		} catch (JsonProcessingException e) {
			throw new PlanFormatException("not a valid journey plan: " + e.getOriginalMessage());
		}
	}

	public static final class PlanFormatException extends RuntimeException {
		public PlanFormatException(String message) {
			super(message);
		}
	}
}
