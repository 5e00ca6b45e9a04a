package io.itinera.flink;

import io.itinera.runtime.delivery.DeliverySettings;
import io.itinera.runtime.plan.Cap;
import io.itinera.runtime.plan.Channel;
import io.itinera.runtime.plan.SourceLocation;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The host's delivery settings ({@code run}'s {@code --zone} and {@code --cap}, already checked by
 * {@code itinera flink}) as the job's arguments carry them: the zone id and each cap as
 * {@code LIMIT/PERIOD_MILLIS/CHANNEL} ({@code ANY} for every channel).
 */
final class DeliveryArguments {
	private DeliveryArguments() {
	}

	static String cap(Cap cap) {
		return cap.limit() + "/" + cap.periodMillis() + "/" + (cap.channel() == null ? "ANY" : cap.channel().name());
	}

	static DeliverySettings settings(String zone, List<String> caps) {
		List<Cap> parsed = new ArrayList<>();
		for (String cap : caps) {
			String[] parts = cap.split("/");
			if (parts.length != 3) {
				throw new IllegalArgumentException("--global-cap " + cap + ": give LIMIT/PERIOD_MILLIS/CHANNEL, e.g. 3/86400000/PUSH");
			}
			try {
				parsed.add(new Cap(Integer.parseInt(parts[0]), Long.parseLong(parts[1]),
						parts[2].equals("ANY") ? null : Channel.valueOf(parts[2]), SourceLocation.UNKNOWN));
			} catch (IllegalArgumentException e) {
				throw new IllegalArgumentException("--global-cap " + cap + ": give LIMIT/PERIOD_MILLIS/CHANNEL, e.g. 3/86400000/PUSH");
			}
		}
		try {
			return new DeliverySettings(ZoneId.of(zone), parsed);
		} catch (java.time.DateTimeException e) {
			throw new IllegalArgumentException("--zone " + zone + " is no time zone; give one like Europe/Berlin or UTC.");
		}
	}
}
