package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.delivery.DeliverySettings;
import io.itinera.runtime.plan.Channel;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryOptionsTest {
	@Test
	void capsAndZoneAreRead() {
		DeliveryOptions options = new DeliveryOptions();
		options.zone = "Europe/Berlin";
		options.caps = List.of("push:3/1d", "10/2w");
		DeliverySettings settings = options.settings();
		assertEquals(ZoneId.of("Europe/Berlin"), settings.defaultZone());
		assertEquals(3, settings.globalCaps().get(0).limit());
		assertEquals(Channel.PUSH, settings.globalCaps().get(0).channel());
		assertEquals(86_400_000L, settings.globalCaps().get(0).periodMillis());
		assertEquals(null, settings.globalCaps().get(1).channel());
		assertEquals(14 * 86_400_000L, settings.globalCaps().get(1).periodMillis());
	}

	@Test
	void aBadCapSaysWhatToWrite() {
		DeliveryOptions options = new DeliveryOptions();
		options.zone = "UTC";
		options.caps = List.of("three a day");
		IllegalArgumentException error = assertThrows(IllegalArgumentException.class, options::settings);
		assertTrue(error.getMessage().contains("write e.g. push:3/1d"), error.getMessage());
	}
}
