package io.itinera.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a {@code run} or {@code simulate} read and how, as given on its command line: the journey
 * file (its models are found beside it), the log and every option that decides which events reach
 * which customer when (format, mapping, window, dedupe, lateness) and what is delivered (zone,
 * caps). Saved in the run's state, or as {@value #FILE} in a simulation's output, so that
 * {@code itinera explain} can replay one customer exactly as the run did. {@code plan}: the plan's
 * JSON, for a simulation (a run's state keeps its own).
 */
record RunInputs(int version, String command, String journey, String events, String format, String map, List<String> columns,
		String delimiter, String maxSkew, String earliest, String dedupe, String lateness, int scoreBatch, String zone,
		List<String> caps, boolean allowRawDrl, boolean withoutModels, long startedAt, String from, String to, String plan) {
	static final String FILE = "run-inputs.json";
	private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
			false);

	static RunInputs of(String command, Path journey, Path events, EventInputOptions input, DriverOptions driver,
			DeliveryOptions delivery, boolean allowRawDrl, boolean withoutModels, String from, String to, String plan) {
		return new RunInputs(1, command, journey.toAbsolutePath().normalize().toString(),
				events.toAbsolutePath().normalize().toString(), input.format == null ? null : input.format.name(), input.map.spec,
				input.columns, input.delimiter, input.maxSkew.text, input.earliest, input.dedupe, driver.lateness, driver.scoreBatch,
				delivery.zone, List.copyOf(delivery.caps), allowRawDrl, withoutModels, input.startedAt().toEpochMilli(), from, to,
				plan);
	}

	boolean simulation() {
		return "simulate".equals(command);
	}

	/** The log options as the run had them, its time window from the run's start. */
	EventInputOptions eventOptions() {
		EventInputOptions options = new EventInputOptions();
		options.format = format == null ? null : io.itinera.runtime.io.InputFormat.valueOf(format);
		options.map.spec = map;
		options.columns = columns == null ? null : new ArrayList<>(columns);
		options.delimiter = delimiter;
		options.maxSkew.text = maxSkew;
		options.earliest = earliest;
		options.maxBadLines = "100%";
		options.dedupe = dedupe;
		options.startedAt = Instant.ofEpochMilli(startedAt);
		return options;
	}

	DriverOptions driverOptions() {
		DriverOptions options = new DriverOptions();
		options.lateness = lateness;
		options.scoreBatch = scoreBatch;
		options.scoreWaitMicros = 2_000;
		return options;
	}

	DeliveryOptions deliveryOptions() {
		DeliveryOptions options = new DeliveryOptions();
		options.zone = zone;
		options.caps = caps == null ? new ArrayList<>() : new ArrayList<>(caps);
		return options;
	}

	String toJson() {
		try {
			return JSON.writeValueAsString(this);
		} catch (JsonProcessingException e) {
			throw new IllegalStateException(e);
		}
	}

	/** @throws IllegalArgumentException naming {@code where} when the record cannot be read */
	static RunInputs fromJson(String json, String where) {
		try {
			return JSON.readValue(json, RunInputs.class);
		} catch (JsonProcessingException e) {
			throw new IllegalArgumentException("the run's inputs in " + where + " cannot be read (" + e.getOriginalMessage()
					+ "); run the journey again to explain its customers");
		}
	}
}
