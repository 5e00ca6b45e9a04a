package io.itinera.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A static class-data archive (CDS) written from the classes a JVM listed as it loaded them
 * ({@code -XX:DumpLoadedClassList}): the JVM of a later command maps them in instead of reading,
 * parsing and verifying them from jars. Static, not dynamic ({@code -XX:ArchiveClassesAtExit}): on
 * this JDK 17 only a static archive holds the classes compiled for Java 5 (picocli's, EMF's), which
 * otherwise load through the old verifier at every start, and a dynamic one crashes on some lambdas.
 * The {@code itinera} launcher has the first {@code run} or {@code simulate} after a build list its
 * classes ({@link #afterCommand}); the Flink launcher its replay's JVM ({@link FlinkClassData}).
 */
final class ClassDataArchive {
	/** Set by the launcher with {@code -XX:DumpLoadedClassList}: the list, then the archive to write from it. */
	static final String CLASS_LIST_PROPERTY = "itinera.classList";
	static final String ARCHIVE_PROPERTY = "itinera.classDataArchive";

	/** Whether this command read a log: only then did it load the classes a run needs (not so {@code run --help}). */
	private static volatile boolean readALog;

	private ClassDataArchive() {
	}

	/** The command read a log: its classes are those later runs will load. */
	static void readALog() {
		readALog = true;
	}

	/**
	 * For a command the launcher asked to list its classes: once it read a log and ended well
	 * ({@code exit} 0), the archive from that list, with this JVM's java over its own class path.
	 * Otherwise the list is removed and the next run or simulate lists its classes again.
	 */
	static void afterCommand(int exit) {
		String list = System.getProperty(CLASS_LIST_PROPERTY);
		String archive = System.getProperty(ARCHIVE_PROPERTY);
		if (list == null || archive == null) {
			return;
		}
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		boolean wanted = exit == 0 && readALog;
		if (wanted) {
			System.err.println("itinera: keeping the classes this command loaded, for faster starts (once after a build: a few seconds)");
			System.err.flush();
		}
		try {
			dump(wanted, java, Path.of(list), Path.of(archive), System.getProperty("java.class.path"));
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Writes {@code archive} from the classes {@code classList} names (when {@code wanted}: a failing
	 * command may not have loaded what a run needs), with {@code java} over {@code classPath}, and
	 * removes the list. The archive is written to a new file and moved in, so commands at the same time
	 * never read half an archive; a JVM whose class path no longer matches it ignores it silently.
	 */
	static void dump(boolean wanted, String java, Path classList, Path archive, String classPath) throws InterruptedException {
		Path listed = classList.resolveSibling(classList.getFileName() + ".static");
		Path written = classList.resolveSibling(classList.getFileName() + ".jsa");
		try {
			if (!wanted || !Files.isRegularFile(classList)) {
				return;
			}
			List<String> lines = new ArrayList<>();
			for (String line : Files.readAllLines(classList)) {
				if (!line.startsWith("@")) { // lambda proxies and invokers: the dump of them crashes this JDK
					lines.add(line);
				}
			}
			Files.write(listed, lines);
			Process dump = new ProcessBuilder(java, "-Xshare:dump", "-XX:SharedClassListFile=" + listed, "-XX:SharedArchiveFile=" + written,
					"-cp", classPath).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
			if (dump.waitFor() == 0 && Files.isRegularFile(written)) {
				Files.move(written, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			}
		} catch (IOException e) {
			// no archive: the next command lists its classes again
		} finally {
			deleteQuietly(classList);
			deleteQuietly(listed);
			deleteQuietly(written);
		}
	}

	private static void deleteQuietly(Path path) {
		try {
			Files.deleteIfExists(path);
		} catch (IOException e) {
			// a leftover in the build folder, removed by the next build
		}
	}
}
