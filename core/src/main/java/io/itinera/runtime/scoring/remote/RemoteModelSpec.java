package io.itinera.runtime.scoring.remote;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A model a journey has scored remotely: its server address as written (it may name environment
 * variables, {@code http://${SCORING_HOST}/v2/models/intent}), the features it takes in order,
 * the output and column that carry the score, the ONNX file kept as the signature's reference,
 * and the score given while the server cannot answer (null: hold the customers).
 */
public record RemoteModelSpec(String name, String url, List<String> inputs, String output, OptionalInt column, Path file,
		Double fallbackScore) {
	private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

	public RemoteModelSpec {
		inputs = List.copyOf(inputs);
	}

	/** The address with each {@code ${NAME}} replaced from {@code environment}. */
	public String resolvedUrl(Map<String, String> environment) {
		Matcher variable = VARIABLE.matcher(url);
		StringBuilder resolved = new StringBuilder();
		while (variable.find()) {
			String value = environment.get(variable.group(1));
			if (value == null) {
				throw new IllegalArgumentException("model " + name + " is scored at " + url + ", but the environment variable "
						+ variable.group(1) + " is not set; set it to the server's address");
			}
			variable.appendReplacement(resolved, Matcher.quoteReplacement(value));
		}
		return variable.appendTail(resolved).toString();
	}
}
