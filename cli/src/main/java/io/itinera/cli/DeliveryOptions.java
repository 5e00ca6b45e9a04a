package io.itinera.cli;

import io.itinera.cli.vocabulary.DurationOption;
import io.itinera.runtime.delivery.DeliverySettings;
import io.itinera.runtime.plan.Cap;
import io.itinera.runtime.plan.Channel;
import io.itinera.runtime.plan.SourceLocation;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** Host-wide delivery settings of {@code run} and {@code simulate}: the quiet-hours zone and caps over all campaigns. */
final class DeliveryOptions {
	private static final Pattern CAP = Pattern.compile("(?:(email|sms|push|inapp):)?(\\d+)/(\\d+)([smhdw])");

	@Option(names = "--zone", defaultValue = "UTC", paramLabel = "ZONE",
			description = "time zone of quiet hours for customers without a timezone attribute (default: ${DEFAULT-VALUE})")
	String zone;

	@Option(names = "--cap", paramLabel = "[CHANNEL:]N/PERIOD",
			description = "a cap per customer over all campaigns, for example push:3/1d or 10/7d (s, m, h, d, w); repeatable")
	List<String> caps = new ArrayList<>();

	/** @throws IllegalArgumentException with a message that says what to write instead */
	DeliverySettings settings() {
		ZoneId zoneId;
		try {
			zoneId = ZoneId.of(zone);
		} catch (DateTimeException e) {
			throw new IllegalArgumentException("--zone " + zone + " is no time zone; give one like Europe/Berlin or UTC.");
		}
		List<Cap> parsed = new ArrayList<>();
		for (String cap : caps) {
			Matcher m = CAP.matcher(cap.trim().toLowerCase(Locale.ROOT));
			if (!m.matches()) {
				throw new IllegalArgumentException("--cap " + cap + " is not [CHANNEL:]N/PERIOD; write e.g. push:3/1d or 10/7d.");
			}
			long unit = DurationOption.unitMillis(m.group(4));
			Channel channel = m.group(1) == null ? null : Channel.valueOf(m.group(1).toUpperCase(Locale.ROOT));
			parsed.add(new Cap(Integer.parseInt(m.group(2)), Long.parseLong(m.group(3)) * unit, channel, SourceLocation.UNKNOWN));
		}
		return new DeliverySettings(zoneId, parsed);
	}
}
