package io.itinera.dsl;

import com.google.inject.Injector;
import java.util.Map;
import org.eclipse.emf.ecore.EPackage;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.xmi.impl.EcoreResourceFactoryImpl;
import org.eclipse.emf.ecore.xmi.impl.XMIResourceFactoryImpl;
import org.eclipse.xtext.XtextPackage;
import org.eclipse.xtext.resource.impl.BinaryGrammarResourceFactoryImpl;

/**
 * Sets the Journey language up outside Eclipse: in the CLI, the language server and tests.
 */
public class JourneyStandaloneSetup extends JourneyStandaloneSetupGenerated {

	public static void doSetup() {
		new JourneyStandaloneSetup().createInjectorAndDoEMFRegistration();
	}

	/**
	 * The generated setup's registrations, less the injector {@code TerminalsStandaloneSetup.doSetup()}
	 * builds and drops (its {@code register} does nothing): a fifth of a short command's start.
	 */
	@Override
	public Injector createInjectorAndDoEMFRegistration() {
		registerTerminalsResources();
		Injector injector = createInjector();
		register(injector);
		return injector;
	}

	/** What {@code TerminalsStandaloneSetupGenerated.createInjectorAndDoEMFRegistration} registers. */
	static void registerTerminalsResources() {
		Map<String, Object> factories = Resource.Factory.Registry.INSTANCE.getExtensionToFactoryMap();
		factories.computeIfAbsent("ecore", extension -> new EcoreResourceFactoryImpl());
		factories.computeIfAbsent("xmi", extension -> new XMIResourceFactoryImpl());
		factories.computeIfAbsent("xtextbin", extension -> new BinaryGrammarResourceFactoryImpl());
		if (!EPackage.Registry.INSTANCE.containsKey(XtextPackage.eNS_URI)) {
			EPackage.Registry.INSTANCE.put(XtextPackage.eNS_URI, XtextPackage.eINSTANCE);
		}
	}
}
