package io.itinera.runtime.scoring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads an ONNX file's real signature from its protobuf bytes ({@link OnnxSignatureReader}: no
 * ONNX Runtime, so the editor's class path needs none; a file that parses but cannot run is
 * caught when a run loads it). Results are cached by path, modification time and size, so the
 * editor can validate on every keystroke without rereading unchanged files.
 */
public final class OnnxModelInspector {
	private static final int CACHE_LIMIT = 256;
	private static final OnnxModelInspector SHARED = new OnnxModelInspector();

	private record Stamp(long modified, long size) {
	}

	private record Inspection(Stamp stamp, OnnxSignature signature, ModelFileException failure) {
	}

	private final Map<Path, Inspection> cache = new ConcurrentHashMap<>();

	public static OnnxModelInspector shared() {
		return SHARED;
	}

	public OnnxSignature inspect(Path file) throws ModelFileException {
		Path key = file.toAbsolutePath().normalize();
		Stamp stamp = stamp(key);
		Inspection cached = cache.get(key);
		if (cached == null || !cached.stamp().equals(stamp)) {
			if (cache.size() >= CACHE_LIMIT) {
				cache.clear();
			}
			cached = open(key, stamp);
			cache.put(key, cached);
		}
		if (cached.failure() != null) {
			throw cached.failure();
		}
		return cached.signature();
	}

	private static Stamp stamp(Path file) throws ModelFileException {
		try {
			BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
			if (!attributes.isRegularFile()) {
				throw new ModelFileException(file, ModelFileException.Problem.MISSING,
						"is not a file", null);
			}
			return new Stamp(attributes.lastModifiedTime().toMillis(), attributes.size());
		} catch (IOException e) {
			throw new ModelFileException(file, ModelFileException.Problem.MISSING,
					"does not exist", e);
		}
	}

	private static Inspection open(Path file, Stamp stamp) {
		try {
			return new Inspection(stamp, OnnxSignatureReader.read(Files.readAllBytes(file)), null);
		} catch (IOException e) {
			return new Inspection(stamp, null, new ModelFileException(file, ModelFileException.Problem.CORRUPT,
					"cannot be read: " + e.getMessage(), e));
		} catch (ProtoWireReader.MalformedException e) {
			return new Inspection(stamp, null, new ModelFileException(file, ModelFileException.Problem.CORRUPT,
					"is not a readable ONNX model (" + firstLine(e.getMessage()) + ")", e));
		}
	}

	private static String firstLine(String message) {
		if (message == null || message.isBlank()) {
			return "unknown error";
		}
		String line = message.lines().findFirst().orElse(message).trim();
		return line.length() > 200 ? line.substring(0, 200) + "…" : line;
	}
}
