package io.itinera.runtime.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.workspace.WorkspaceFile.WorkspaceFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where a workspace file's test block ends: braces and comment marks inside "strings" do not count. */
class WorkspaceTestBlocksTest {
	private static final Path FILE = Path.of("itinera.workspace");

	@Test
	void bracesInStringsAndCommentsDoNotCloseTheBlock() {
		List<String> lines = List.of(
				"test \"a } b\" {",
				"  given customer \"c\\\"}\" # }",
				"  // }",
				"  expect \"{\" // }",
				"}",
				"cap email 1 per 1 day");
		assertEquals(4, WorkspaceTests.blockEnd(FILE, lines, 0));
	}

	@Test
	void aCommentMarkInAStringIsText() {
		assertTrue(WorkspaceTests.opensTest("test \"#1\" {"));
		assertThrows(WorkspaceFileException.class, () -> WorkspaceTests.blockEnd(FILE, List.of("test \"x\" { \"}\"", "  # }"), 0));
		assertEquals(1, WorkspaceTests.blockEnd(FILE, List.of("test \"a // b\" {", "} # done"), 0));
	}
}
