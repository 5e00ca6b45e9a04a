package io.itinera.runtime.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ItemVocabularyTest {
	@TempDir
	Path dir;

	@Test
	void lineNIsIndexNAndUnknownIdsArePadding() throws Exception {
		Path file = Files.write(dir.resolve("items.txt"), List.of("sku-1", " sku-2 ", "sku-3", ""));
		ItemVocabulary vocabulary = ItemVocabulary.read(file);
		assertEquals(3, vocabulary.size());
		assertEquals(1, vocabulary.indexOf("sku-1"));
		assertEquals(2, vocabulary.indexOf("sku-2"));
		assertEquals(ItemVocabulary.PADDING, vocabulary.indexOf("sku-404"));
		assertEquals(ItemVocabulary.PADDING, vocabulary.indexOf(null));
		assertEquals("sku-3", vocabulary.idAt(3));
		assertNull(vocabulary.idAt(0), "padding is no item");
		assertNull(vocabulary.idAt(4), "past the vocabulary");
	}

	@Test
	void sequencesAreLeftPaddedNewestLastAndCutToTheWidth() {
		ItemVocabulary vocabulary = ItemVocabulary.of(List.of("a", "b", "c"));
		long[] row = new long[4];
		vocabulary.encode(new String[] {"a", "zzz"}, row, 0, 4);
		assertArrayEquals(new long[] {0, 0, 1, 0}, row);
		long[] two = new long[6];
		vocabulary.encode(new String[] {"a", "b", "c", "a"}, two, 3, 3);
		assertArrayEquals(new long[] {0, 0, 0, 2, 3, 1}, two);
	}

	@Test
	void aRepeatedOrBlankLineIsRefusedWithItsLine() throws Exception {
		Path repeated = Files.write(dir.resolve("repeated.txt"), List.of("a", "b", "a"));
		var failure = assertThrows(ItemVocabulary.VocabularyException.class, () -> ItemVocabulary.read(repeated));
		assertTrue(failure.getMessage().contains("lists item a twice (lines 1 and 3)"), failure.getMessage());
		Path blank = Files.write(dir.resolve("blank.txt"), List.of("a", " ", "b"));
		failure = assertThrows(ItemVocabulary.VocabularyException.class, () -> ItemVocabulary.read(blank));
		assertTrue(failure.getMessage().contains("line 2 is blank"), failure.getMessage());
		Path empty = Files.write(dir.resolve("empty.txt"), List.of());
		assertThrows(ItemVocabulary.VocabularyException.class, () -> ItemVocabulary.read(empty));
	}
}
