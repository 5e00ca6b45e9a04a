package io.itinera.cli;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A class-data archive (CDS) for the JVM of a local replay ({@code itinera flink --local --events LOG}),
 * as {@code run}'s launcher has one: that JVM loads some 10,000 classes of Flink, Drools and the job
 * from 90 jars, and loading them from the archive saves about 2 CPU-s a run (of 7 on a log of 10,000
 * lines). The archive is static ({@link ClassDataArchive}): a dynamic one crashes this JDK 17 on the
 * job's lambdas. It needs jars only, so the JVM then reads the module's jar in place of
 * {@code flink/target/classes}, when that jar holds the current classes. The first local
 * replay after a build lists the classes it loads; when it ends well the archive is written
 * ({@value #ARCHIVE} beside the jar), and every later run uses it. A JVM whose class path no longer
 * matches the archive ignores it silently.
 */
final class FlinkClassData {
	static final String ARCHIVE = "itinera-flink.jsa";
	private static final String MODULE_JAR_PREFIX = "itinera-flink-";

	private final Path archive;
	private final Path moduleJar;
	/** The classes this run lists for the archive, or null: the archive is there already. */
	private final Path classList;

	private FlinkClassData(Path archive, Path moduleJar, Path classList) {
		this.archive = archive;
		this.moduleJar = moduleJar;
		this.classList = classList;
	}

	/**
	 * The archive's part in a local replay's JVM over {@code dependencies} (the class path but for the
	 * module's own classes), or empty: no module jar with the current classes, or no archive and a
	 * build folder this user cannot write.
	 */
	static Optional<FlinkClassData> of(Path target, List<Path> dependencies) throws IOException {
		Path jar = moduleJar(target);
		if (jar == null) {
			return Optional.empty();
		}
		Path archive = target.resolve(ARCHIVE);
		if (current(archive, jar, dependencies)) {
			return Optional.of(new FlinkClassData(archive, jar, null));
		}
		if (!Files.isWritable(target)) {
			return Optional.empty();
		}
		return Optional.of(new FlinkClassData(archive, jar, target.resolve(ARCHIVE + "." + ProcessHandle.current().pid() + ".classes")));
	}

	/** The module's jar ({@code itinera-flink-VERSION.jar}) when no class in {@code classes} is newer, else null. */
	static Path moduleJar(Path target) throws IOException {
		Path jar;
		try (Stream<Path> files = Files.list(target)) {
			jar = files.filter(p -> {
				String name = p.getFileName().toString();
				return name.startsWith(MODULE_JAR_PREFIX) && name.endsWith(".jar") && !name.equals(FlinkCommand.FlinkJobFiles.JOB_JAR);
			}).findFirst().orElse(null);
		}
		if (jar == null) {
			return null;
		}
		FileTime built = Files.getLastModifiedTime(jar);
		Path classes = target.resolve("classes");
		if (Files.isDirectory(classes)) {
			try (Stream<Path> files = Files.walk(classes)) {
				boolean newer = files.filter(Files::isRegularFile).anyMatch(p -> modified(p).compareTo(built) > 0);
				if (newer) {
					return null;
				}
			} catch (UncheckedIOException e) {
				return null;
			}
		}
		return jar;
	}

	/** Whether the archive is newer than the jar and every dependency. */
	static boolean current(Path archive, Path jar, List<Path> dependencies) {
		if (!Files.isRegularFile(archive)) {
			return false;
		}
		FileTime written = modified(archive);
		return written.compareTo(modified(jar)) >= 0 && dependencies.stream().allMatch(p -> written.compareTo(modified(p)) >= 0);
	}

	private static FileTime modified(Path path) {
		try {
			return Files.getLastModifiedTime(path);
		} catch (IOException e) {
			return FileTime.fromMillis(Long.MAX_VALUE);
		}
	}

	/** What the JVM reads in place of {@code flink/target/classes}. */
	Path moduleJar() {
		return moduleJar;
	}

	/** The JVM's options: use the archive, or list the classes for it. */
	List<String> jvmOptions() {
		return classList == null ? List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off")
				: List.of("-XX:DumpLoadedClassList=" + classList);
	}

	/**
	 * After the job's JVM ended with {@code exit}: writes the archive from the classes it listed, when
	 * it ended well ({@link ClassDataArchive#dump}), with {@code java} over {@code classPath}.
	 */
	void afterJob(int exit, String java, String classPath) throws InterruptedException {
		if (classList != null) {
			ClassDataArchive.dump(exit == 0, java, classList, archive, classPath);
		}
	}

	/** The class path's entries. */
	static List<Path> entries(String classPath) {
		List<Path> entries = new ArrayList<>();
		for (String entry : classPath.split(File.pathSeparator)) {
			if (!entry.isBlank()) {
				entries.add(Path.of(entry));
			}
		}
		return entries;
	}
}
