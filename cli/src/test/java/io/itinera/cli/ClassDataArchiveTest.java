package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A static class-data archive from a JVM's list of loaded classes, with the real {@code java -Xshare:dump}. */
class ClassDataArchiveTest {
	@TempDir
	Path dir;

	private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

	@Test
	void aListedCommandThatEndedWellLeavesAnArchiveTheJvmReadsAndNoListBehind() throws Exception {
		Path list = listOfClasses();
		Path archive = dir.resolve("itinera.jsa");
		ClassDataArchive.dump(true, java, list, archive, emptyJar().toString());
		assertTrue(Files.size(archive) > 0);
		assertFalse(Files.exists(list));
		try (var files = Files.list(dir)) {
			assertTrue(files.allMatch(file -> file.equals(archive) || file.toString().endsWith(".jar")), "leftovers in " + dir);
		}
		Process check = new ProcessBuilder(java, "-Xshare:on", "-XX:SharedArchiveFile=" + archive, "-cp", emptyJar().toString(),
				"-version").redirectErrorStream(true).start();
		String said = new String(check.getInputStream().readAllBytes());
		assertTrue(check.waitFor() == 0, "the JVM refused the archive: " + said);
	}

	@Test
	void aFailedCommandLeavesNoArchiveAndNoList() throws Exception {
		Path list = listOfClasses();
		Path archive = dir.resolve("itinera.jsa");
		ClassDataArchive.dump(false, java, list, archive, emptyJar().toString());
		assertFalse(Files.exists(archive));
		assertFalse(Files.exists(list));
	}

	/** As {@code -XX:DumpLoadedClassList} writes it, with a lambda proxy line the dump must leave out. */
	private Path listOfClasses() throws Exception {
		Path list = dir.resolve("itinera.jsa.42.classes");
		Files.write(list, List.of("java/lang/Object id: 0", "java/lang/String id: 1",
				"@lambda-proxy java/lang/Object run ()Ljava/lang/Runnable; ()V REF_invokeStatic java/lang/Object x ()V ()V"));
		return list;
	}

	private Path emptyJar() throws Exception {
		Path jar = dir.resolve("app.jar");
		if (!Files.exists(jar)) {
			try (OutputStream out = Files.newOutputStream(jar); JarOutputStream unused = new JarOutputStream(out, new Manifest())) {
				// a class path of one jar, as the launcher's
			}
		}
		return jar;
	}
}
