package io.itinera.runtime.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimelineTextTest {
	@Test
	void valuesAreShortAndSayNoneForNoValue() {
		assertEquals("3", TimelineText.value(3.0));
		assertEquals("0.8123", TimelineText.value(0.81234));
		assertEquals("892.8", TimelineText.value(892.8000000000001));
		assertEquals("none", TimelineText.value(Double.NaN));
		assertEquals("none", TimelineText.value(null));
		assertEquals("gold", TimelineText.value("gold"));
	}

	@Test
	void oneLinePerEntryWithTheJourneyWhenAskedFor() {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("cartValue", 42.0);
		values.put("intent", 0.81);
		TimelineEntry rule = new TimelineEntry(Instant.parse("2017-11-25T11:03:12Z").toEpochMilli(), "cart-recovery", "rule",
				"Rescue :: remind", "fired (on entering Abandoned)", values);
		assertEquals("2017-11-25 11:03:12  rule     Rescue :: remind  fired (on entering Abandoned): cartValue=42 intent=0.81",
				TimelineText.line(rule, false));
		TimelineEntry send = new TimelineEntry(rule.at(), "cart-recovery", "send", "push cart_reminder", null,
				Map.of("rule", "Rescue :: remind"));
		assertEquals("2017-11-25 11:03:12  send     push cart_reminder  rule=Rescue :: remind   (journey cart-recovery)",
				TimelineText.line(send, true));
	}
}
