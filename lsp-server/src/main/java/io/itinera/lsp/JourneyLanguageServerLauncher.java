package io.itinera.lsp;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.log4j.ConsoleAppender;
import org.apache.log4j.Level;
import org.apache.log4j.LogManager;
import org.apache.log4j.Logger;
import org.apache.log4j.PatternLayout;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.xtext.ide.server.LanguageServerImpl;

import com.google.inject.Guice;
import com.google.inject.Injector;

import io.itinera.dsl.ide.server.JourneyServerModule;

/**
 * Serves the journey language over LSP on stdin/stdout. Stdout belongs to the protocol alone:
 * it is taken for the connection first, then {@code System.out} and every log are sent to stderr.
 */
public final class JourneyLanguageServerLauncher {

	private JourneyLanguageServerLauncher() {
	}

	public static void main(String[] args) throws Exception {
		InputStream protocolIn = System.in;
		PrintStream protocolOut = System.out;
		System.setOut(System.err);
		logToStandardError();

		Injector injector = Guice.createInjector(new JourneyServerModule());
		LanguageServerImpl server = injector.getInstance(LanguageServerImpl.class);
		ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
			Thread thread = new Thread(runnable, "journey-lsp");
			thread.setDaemon(true);
			return thread;
		});
		Launcher<LanguageClient> launcher = new Launcher.Builder<LanguageClient>()
				.setLocalService(server)
				.setRemoteInterface(LanguageClient.class)
				.setInput(protocolIn)
				.setOutput(protocolOut)
				.setExecutorService(executor)
				.create();
		server.connect(launcher.getRemoteProxy());
		launcher.startListening().get();
	}

	/** Replaces whatever log4j configuration was found on the class path. */
	private static void logToStandardError() {
		LogManager.resetConfiguration();
		Logger root = Logger.getRootLogger();
		root.addAppender(new ConsoleAppender(new PatternLayout("%-5p %c{1} - %m%n"), ConsoleAppender.SYSTEM_ERR));
		root.setLevel(Level.WARN);
	}
}
