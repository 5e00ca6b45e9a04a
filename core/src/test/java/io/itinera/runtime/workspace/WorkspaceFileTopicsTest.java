package io.itinera.runtime.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.itinera.runtime.plan.Topic;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code topic NAME CHANNEL KIND} lines of itinera.workspace, and the errors that name file and line. */
class WorkspaceFileTopicsTest {
	static final Path FILE = Path.of("shop", WorkspaceFile.NAME);

	@Test
	void topicsAreReadWithTheirChannelAndKind() {
		WorkspaceSettings settings = WorkspaceFile.read(FILE, List.of("cap email 1 per 1 day", "topic promotions email opt-out",
				"topic promotions sms opt-in   # a name may have one topic per channel", "topic receipts email transactional"));
		assertEquals(List.of("promotions email opt-out", "promotions sms opt-in", "receipts email transactional"),
				settings.topics().stream().map(Topic::describe).toList());
		assertEquals(2, settings.topics().get(0).location().line());
		assertEquals(settings.topics(), settings.with(io.itinera.runtime.delivery.DeliverySettings.DEFAULT).topics());
	}

	@Test
	void aWrongTopicLineNamesFileLineAndWhatToWrite() {
		for (String line : List.of("topic promotions fax opt-out", "topic promotions email maybe", "topic promotions email")) {
			WorkspaceFile.WorkspaceFileException e = assertThrows(WorkspaceFile.WorkspaceFileException.class,
					() -> WorkspaceFile.read(FILE, List.of("", line)));
			assertTrue(e.getMessage().startsWith(FILE + ":2: "), e.getMessage());
			assertTrue(e.getMessage().contains("opt-out|opt-in|transactional"), e.getMessage());
		}
		WorkspaceFile.WorkspaceFileException twice = assertThrows(WorkspaceFile.WorkspaceFileException.class,
				() -> WorkspaceFile.read(FILE, List.of("topic promotions email opt-out", "topic promotions email opt-in")));
		assertTrue(twice.getMessage().contains("declared twice (first at line 1)"), twice.getMessage());
	}
}
