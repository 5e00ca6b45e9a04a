package io.itinera.runtime.rules;

import java.util.List;

/**
 * The DRL of a journey: the rules generated from its campaigns and, per campaign with a raw
 * {@code drl} block, that block as its own resource behind the same header.
 */
public record JourneyDrl(String journey, String packageName, String generated, List<RawBlock> rawBlocks) {
	public JourneyDrl {
		rawBlocks = List.copyOf(rawBlocks);
	}

	/**
	 * A campaign's raw block wrapped in the package header. Line {@code n} of {@code block} is
	 * line {@code n + headerLines} of {@code resource}.
	 */
	public record RawBlock(String campaign, String block, String resource, int headerLines) {
	}

	/** Everything, as one DRL text a person can read. */
	public String text() {
		StringBuilder out = new StringBuilder(generated);
		for (RawBlock raw : rawBlocks) {
			out.append("\n// ---- raw DRL of campaign ").append(raw.campaign()).append(", as written in the journey\n");
			out.append(raw.block().strip()).append('\n');
		}
		return out.toString();
	}

	public boolean hasRawDrl() {
		return !rawBlocks.isEmpty();
	}
}
