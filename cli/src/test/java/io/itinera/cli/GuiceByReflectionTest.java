package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** main's Guice settings: class generation off unless the JVM was told otherwise. */
class GuiceByReflectionTest {
	private Properties saved;

	@BeforeEach
	void save() {
		saved = (Properties) System.getProperties().clone();
		System.clearProperty("guice_bytecode_gen_option");
		System.clearProperty("guice_include_stack_traces");
	}

	@AfterEach
	void restore() {
		System.setProperties(saved);
	}

	@Test
	void offByDefault() {
		ItineraCommand.guiceByReflection();
		assertEquals("DISABLED", System.getProperty("guice_bytecode_gen_option"));
		assertEquals("OFF", System.getProperty("guice_include_stack_traces"));
	}

	@Test
	void theJvmsOwnSettingsStay() {
		System.setProperty("guice_bytecode_gen_option", "ENABLED");
		ItineraCommand.guiceByReflection();
		assertEquals("ENABLED", System.getProperty("guice_bytecode_gen_option"));
		assertEquals("OFF", System.getProperty("guice_include_stack_traces"));
	}
}
