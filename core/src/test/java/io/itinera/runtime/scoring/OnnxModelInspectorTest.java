package io.itinera.runtime.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.testmodels.OnnxTestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxModelInspectorTest {
	@TempDir
	Path dir;

	private final OnnxModelInspector inspector = new OnnxModelInspector();

	@Test
	void readsInputsAndOutputsWithTheirTypesAndShapes() throws Exception {
		Path file = OnnxTestModels.softmaxRegression(dir.resolve("intent.onnx"), new float[3][2], new float[2]);
		OnnxSignature signature = inspector.inspect(file);
		assertEquals(List.of(OnnxSignature.Value.tensor("input", "float", List.of(-1L, 3L))), signature.inputs());
		assertEquals(List.of(OnnxSignature.Value.tensor("output", "float", List.of(-1L, 2L))), signature.outputs());
		assertEquals("inputs input: float[?, 3]; outputs output: float[?, 2]", signature.describe());
	}

	@Test
	void keepsTheFilesOrderOfNamedInputsAndTheirElementType() throws Exception {
		Path named = OnnxTestModels.namedInputsLogistic(dir.resolve("named.onnx"), List.of("zeta", "alpha", "mid"),
				new float[3], 0);
		assertEquals(List.of("zeta", "alpha", "mid"),
				inspector.inspect(named).inputs().stream().map(OnnxSignature.Value::name).toList());
		Path ints = OnnxTestModels.int64Input(dir.resolve("ints.onnx"), 2);
		assertEquals("int64", inspector.inspect(ints).inputs().get(0).elementType());
	}

	@Test
	void aMissingFileIsReportedAsMissing() {
		ModelFileException error = assertThrows(ModelFileException.class,
				() -> inspector.inspect(dir.resolve("nope.onnx")));
		assertEquals(ModelFileException.Problem.MISSING, error.problem());
	}

	@Test
	void aFileThatIsNotOnnxIsReportedAsCorrupt() throws Exception {
		Path garbage = Files.writeString(dir.resolve("garbage.onnx"), "this is not a model, just some text\n");
		ModelFileException error = assertThrows(ModelFileException.class, () -> inspector.inspect(garbage));
		assertEquals(ModelFileException.Problem.CORRUPT, error.problem());
		assertTrue(error.getMessage().contains("is not a readable ONNX model"), error.getMessage());
	}

	@Test
	void aTruncatedModelIsReportedAsCorrupt() throws Exception {
		Path file = OnnxTestModels.softmaxRegression(dir.resolve("cut.onnx"), new float[3][2], new float[2]);
		byte[] bytes = Files.readAllBytes(file);
		Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
		assertEquals(ModelFileException.Problem.CORRUPT,
				assertThrows(ModelFileException.class, () -> inspector.inspect(file)).problem());
	}

	@Test
	void aChangedFileIsReadAgainAndAnUnchangedOneIsNot() throws Exception {
		Path file = OnnxTestModels.softmaxRegression(dir.resolve("m.onnx"), new float[3][2], new float[2]);
		OnnxSignature first = inspector.inspect(file);
		assertTrue(first == inspector.inspect(file), "an unchanged file is served from the cache");

		OnnxTestModels.softmaxRegression(file, new float[5][2], new float[2]);
		Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 2000));
		assertEquals(List.of(-1L, 5L), inspector.inspect(file).inputs().get(0).shape());
	}
}
