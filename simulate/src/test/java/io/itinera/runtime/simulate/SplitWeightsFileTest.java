package io.itinera.runtime.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.simulate.LearningFigures.SplitWeight;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SplitWeightsFileTest {
	@TempDir
	Path dir;

	@Test
	void readsEachLineInOrderWithANumberOrATimeAsEpoch() throws Exception {
		Path file = Files.writeString(dir.resolve(SplitWeightsFile.FILE), """
				{"epoch": 0, "split": "Offers", "arm": "A", "exposures": 0, "conversions": 0, "weight": 0.5}

				{"epoch": "2025-03-01T12:00:00Z", "split": "Offers", "arm": "B", "exposures": 210, "conversions": 27, "weight": 0.61}
				""");
		List<SplitWeight> weights = SplitWeightsFile.read(file);
		assertEquals(List.of(new SplitWeight("0", "Offers", "A", 0, 0, 0.5),
				new SplitWeight("2025-03-01T12:00:00Z", "Offers", "B", 210, 27, 0.61)), weights);
	}

	@Test
	void aBadLineIsNamedWithItsFileLineAndWhatIsMissing() throws Exception {
		Path file = Files.writeString(dir.resolve(SplitWeightsFile.FILE), """
				{"epoch": 0, "split": "Offers", "arm": "A", "exposures": 0, "conversions": 0, "weight": 0.5}
				{"epoch": 1, "split": "Offers", "arm": "A", "exposures": 10, "conversions": 1}
				""");
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SplitWeightsFile.read(file));
		assertTrue(e.getMessage().startsWith(file + ": line 2: has no \"weight\""), e.getMessage());
		Files.writeString(file, "{\"epoch\": 1, \"split\": \"S\", \"arm\": \"A\", \"exposures\": \"ten\", \"conversions\": 1, \"weight\": 1}\n");
		e = assertThrows(IllegalArgumentException.class, () -> SplitWeightsFile.read(file));
		assertTrue(e.getMessage().contains("line 1: \"exposures\" is not a number"), e.getMessage());
	}
}
