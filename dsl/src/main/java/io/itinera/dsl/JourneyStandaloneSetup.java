package io.itinera.dsl;


/**
 * Sets the Journey language up outside Eclipse: in the CLI, the language server and tests.
 */
public class JourneyStandaloneSetup extends JourneyStandaloneSetupGenerated {

	public static void doSetup() {
		new JourneyStandaloneSetup().createInjectorAndDoEMFRegistration();
	}
}
