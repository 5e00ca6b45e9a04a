package io.itinera.runtime.erasure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The suppression list keeps no id, and the two ways of taking a customer's lines out of files. */
class ErasureFilesTest {
	@TempDir
	Path dir;

	@Test
	void theListKeepsSaltedHashesOnlyAndComesBackWhole() {
		List<byte[]> persisted = new ArrayList<>();
		ErasedCustomers list = ErasedCustomers.fresh(persisted::add);
		list.add("ana@example.com", 1_000);
		list.add("ana@example.com", 2_000);
		assertEquals(2, persisted.size(), "every change is handed on to be made durable");
		byte[] bytes = list.toBytes();
		assertFalse(new String(bytes, StandardCharsets.ISO_8859_1).contains("ana"), "no part of the id is kept");

		ErasedCustomers read = ErasedCustomers.fromBytes(bytes, null);
		assertTrue(read.contains("ana@example.com"));
		assertFalse(read.contains("bob@example.com"));
		assertEquals(1_000, read.erasedAt("ana@example.com").getAsLong(), "a second erasure keeps the first time");
		assertFalse(ErasedCustomers.fresh(null).contains("x"));

		ErasedCustomers otherSalt = ErasedCustomers.fresh(null);
		otherSalt.add("ana@example.com", 1);
		assertFalse(new String(otherSalt.toBytes(), StandardCharsets.ISO_8859_1)
				.contains(new String(bytes, 22, 32, StandardCharsets.ISO_8859_1)), "another salt, another hash");
		assertFalse(read.addAll(otherSalt.toBytes()), "lists of other salts do not mix");

		ErasedCustomers part = ErasedCustomers.fromBytes(bytes, null);
		part.add("bob@example.com", 3);
		assertTrue(read.addAll(part.toBytes()));
		assertTrue(read.contains("bob@example.com"));
		assertTrue(read.lift("bob@example.com"));
		assertFalse(read.contains("bob@example.com"));
	}

	@Test
	void linesMentioningACustomerAnywhereAreFound() {
		CustomerLines lines = new CustomerLines(Set.of("c-1", "42"));
		assertTrue(lines.mentions("{\"customer\":\"c-1\",\"time\":\"2026-03-01T10:00:00Z\"}"));
		assertTrue(lines.mentions("{\"params\":{\"referrer\":\"c-1\"}}"));
		assertTrue(lines.mentions("{\"customer\":42}"), "a numeric id");
		assertTrue(lines.mentions("{\"line\":3,\"raw\":\"{\\\"user\\\":\\\"c-1\\\"}\"}"), "a dead letter's JSON line");
		assertTrue(lines.mentions("{\"line\":3,\"raw\":\"c-1,2026-03-01,visit\"}"), "a dead letter's CSV line");
		assertFalse(lines.mentions("{\"customer\":\"c-10\",\"amount\":142}"));
		assertFalse(lines.mentions("{\"raw\":\"c-10,2026-03-01,visit,420\"}"));
		assertFalse(lines.mentions("   "));
	}

	@Test
	void aRewriteDropsTheLinesAndMapsOldPositionsToNew() throws Exception {
		Path file = dir.resolve("actions.jsonl");
		String keep1 = "{\"customer\":\"a\"}\n";
		String gone1 = "{\"customer\":\"c-1\",\"n\":1}\n";
		String keep2 = "{\"customer\":\"b\"}\n";
		String gone2 = "{\"customer\":\"c-1\",\"n\":2}\n";
		Files.writeString(file, keep1 + gone1 + keep2 + gone2 + "{\"customer\":\"c\"}");
		OutputRewrite.Result result = OutputRewrite.rewrite(file, new CustomerLines(Set.of("c-1")));
		assertEquals(2, result.linesRemoved());
		assertEquals(keep1 + keep2 + "{\"customer\":\"c\"}", Files.readString(file));
		assertEquals(keep1.length(), result.newPosition(keep1.length()));
		assertEquals(keep1.length(), result.newPosition(keep1.length() + gone1.length()));
		assertEquals(keep1.length() + keep2.length(), result.newPosition(keep1.length() + gone1.length() + keep2.length() + gone2.length()));
		assertEquals(List.of("actions.jsonl"), Files.list(dir).map(p -> p.getFileName().toString()).toList(), "no temporary file left");

		OutputRewrite.Result nothing = OutputRewrite.rewrite(file, new CustomerLines(Set.of("zz")));
		assertEquals(0, nothing.linesRemoved());
		assertEquals(10, nothing.newPosition(10));
	}

	@Test
	void blankingInPlaceKeepsEveryOffset() throws Exception {
		Path file = dir.resolve("input.jsonl");
		String first = "{\"customer\":\"c-1\",\"type\":\"visit\"}\n";
		String second = "{\"customer\":\"c-2\",\"type\":\"visit\"}\n";
		String beyond = "{\"customer\":\"c-1\",\"type\":\"later\"}\n";
		Files.writeString(file, first + second + beyond + "{\"customer\":\"c-1\"");
		long blanked = InPlaceErasure.blank(file, first.length() + second.length(), new CustomerLines(Set.of("c-1")));
		assertEquals(1, blanked, "only whole lines before the limit");
		String after = Files.readString(file);
		assertEquals(" ".repeat(first.length() - 1) + "\n" + second + beyond + "{\"customer\":\"c-1\"", after);
		assertEquals(2, InPlaceErasure.blank(file, Long.MAX_VALUE, new CustomerLines(Set.of("c-1", "c-2"))),
				"the incomplete last line is left to its writer");
		assertEquals(0, InPlaceErasure.blank(dir.resolve("missing"), 100, new CustomerLines(Set.of("c-1"))));
	}

	@Test
	void anArchivedFileIsRewrittenWithTheSameLengthAndOffsets() throws Exception {
		Path file = dir.resolve("00000000000000001024.jsonl");
		String first = "{\"customer\":\"c-1\",\"type\":\"visit\",\"city\":\"Zürich\"}\n";
		String second = "{\"customer\":\"c-2\",\"type\":\"visit\"}\n";
		String last = "{\"customer\":\"c-1\",\"type\":\"buy\"}";
		Files.writeString(file, first + second + last);
		long length = Files.size(file);
		assertEquals(2, ArchivedFileErasure.blank(file, new CustomerLines(Set.of("c-1"))));
		int firstBytes = first.getBytes(StandardCharsets.UTF_8).length;
		assertEquals(" ".repeat(firstBytes - 1) + "\n" + second + " ".repeat(last.length()), Files.readString(file));
		assertEquals(length, Files.size(file));
		assertEquals(0, ArchivedFileErasure.blank(file, new CustomerLines(Set.of("c-3"))), "a file without them is only read");
		assertEquals(List.of(file), Files.list(dir).toList(), "no copy left behind");
	}
}
