package io.itinera.runtime.change;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.itinera.runtime.plan.PlanJson;
import java.util.ArrayList;
import java.util.List;

/**
 * The older versions of a journey that customers of a run's state still run on ({@code run
 * --pin-old}), kept in the state beside its plan: each with its {@link PlanVersion}, the file it was
 * read from, and the plan's JSON.
 */
public record PinnedPlans(List<Pinned> versions) {
	private static final ObjectMapper JSON = JsonMapper.builder().build();
	public static final PinnedPlans NONE = new PinnedPlans(List.of());

	public record Pinned(String version, String source, String planJson) {
	}

	public PinnedPlans {
		versions = List.copyOf(versions);
	}

	public static PinnedPlans read(String json) {
		try {
			return JSON.readValue(json, PinnedPlans.class);
		} catch (JsonProcessingException e) {
			throw new IllegalStateException("the pinned plans of the state cannot be read (" + e.getOriginalMessage()
					+ "); run the old version to its end in another --state directory", e);
		}
	}

	public String toJson() {
		try {
			return JSON.writeValueAsString(this);
		} catch (JsonProcessingException e) {
			throw new IllegalStateException(e);
		}
	}

	@JsonIgnore
	public boolean isEmpty() {
		return versions.isEmpty();
	}

	/** These versions and one more (unless already there). */
	public PinnedPlans with(Pinned pinned) {
		if (versions.stream().anyMatch(v -> v.version().equals(pinned.version()))) {
			return this;
		}
		List<Pinned> more = new ArrayList<>(versions);
		more.add(pinned);
		return new PinnedPlans(more);
	}

	/** The versions of journey {@code name} (a workspace's state keeps those of each of its journeys). */
	public PinnedPlans of(String name) {
		return new PinnedPlans(versions.stream().filter(v -> journeyOf(v).equals(name)).toList());
	}

	/** These versions less those of journey {@code name}. */
	public PinnedPlans without(String name) {
		return new PinnedPlans(versions.stream().filter(v -> !journeyOf(v).equals(name)).toList());
	}

	private static String journeyOf(Pinned version) {
		return PlanJson.read(version.planJson()).name();
	}
}
