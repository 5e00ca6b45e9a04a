package io.itinera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When a local replay's JVM reads the class-data archive, lists its classes for one, or goes without (the archive itself: EveryHost's flink runs). */
class FlinkClassDataTest {
	@TempDir
	Path target;

	private Path file(String name, long millis) throws Exception {
		Path path = target.resolve(name);
		Files.createDirectories(path.getParent());
		Files.writeString(path, name);
		Files.setLastModifiedTime(path, FileTime.fromMillis(millis));
		return path;
	}

	@Test
	void theModulesJarStandsForItsClassesOnlyWhenNoClassIsNewer() throws Exception {
		file("classes/io/itinera/flink/A.class", 1_000);
		file(FlinkCommand.FlinkJobFiles.JOB_JAR, 5_000);
		assertNull(FlinkClassData.moduleJar(target), "no module jar: the job jar is not one");
		Path jar = file("itinera-flink-0.1.0-SNAPSHOT.jar", 2_000);
		assertEquals(jar, FlinkClassData.moduleJar(target));
		file("classes/io/itinera/flink/B.class", 3_000);
		assertNull(FlinkClassData.moduleJar(target), "a class compiled after the jar: the jar is stale");
	}

	@Test
	void anArchiveOlderThanAJarOnTheClassPathIsWrittenAgain() throws Exception {
		Path jar = file("itinera-flink-0.1.0-SNAPSHOT.jar", 2_000);
		Path dependency = file("deps/flink-core.jar", 1_000);
		assertFalse(FlinkClassData.current(target.resolve(FlinkClassData.ARCHIVE), jar, List.of(dependency)), "no archive yet");
		Path archive = file(FlinkClassData.ARCHIVE, 3_000);
		assertTrue(FlinkClassData.current(archive, jar, List.of(dependency)));
		Files.setLastModifiedTime(dependency, FileTime.fromMillis(4_000));
		assertFalse(FlinkClassData.current(archive, jar, List.of(dependency)), "a dependency rebuilt after the archive");
	}

	@Test
	void aReplayReadsTheArchiveOrListsItsClassesForOne() throws Exception {
		file("itinera-flink-0.1.0-SNAPSHOT.jar", 2_000);
		Path dependency = file("deps/flink-core.jar", 1_000);
		FlinkClassData listing = FlinkClassData.of(target, List.of(dependency)).orElseThrow();
		assertTrue(listing.jvmOptions().get(0).startsWith("-XX:DumpLoadedClassList=" + target), listing.jvmOptions().toString());
		file(FlinkClassData.ARCHIVE, 3_000);
		FlinkClassData reading = FlinkClassData.of(target, List.of(dependency)).orElseThrow();
		assertEquals("-XX:SharedArchiveFile=" + target.resolve(FlinkClassData.ARCHIVE), reading.jvmOptions().get(0));
		assertEquals(target.resolve("itinera-flink-0.1.0-SNAPSHOT.jar"), reading.moduleJar());
	}
}
