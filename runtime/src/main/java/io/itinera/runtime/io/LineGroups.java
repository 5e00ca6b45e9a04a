package io.itinera.runtime.io;

import io.itinera.runtime.step.Event;
import java.util.HashMap;
import java.util.Map;

/**
 * The groups of a finite log ({@code --map group=COL}) put together as it is read: a first pass
 * over the file learnt each group's last line, so a group's event is handed on at that line, its
 * lines wherever they are in the file. Memory: one entry per group for the last lines, and the
 * groups open at the current line (those whose lines lie around it).
 */
final class LineGroups {
	private final Map<String, Long> lastLineByKey;
	private final Map<String, LineGroup> open = new HashMap<>();
	private final Map<String, FieldRule[]> rulesByEvent = new HashMap<>();
	private final ColumnMapping mapping;
	private final EventSchema schema;
	private long joinedLines;

	LineGroups(Map<String, Long> lastLineByKey, ColumnMapping mapping, EventSchema schema) {
		this.lastLineByKey = lastLineByKey;
		this.mapping = mapping;
		this.schema = schema;
	}

	/** The key of a line's group: its customer, event type and group value. */
	static String key(Event line, String groupValue) {
		return line.customerId() + '\u001f' + line.type() + '\u001f' + groupValue;
	}

	/** Adds a line (in file order): its group's event when this is the group's last line, else null. */
	Event add(Event line, String groupValue, long lineNumber) {
		String key = key(line, groupValue);
		LineGroup group = open.computeIfAbsent(key,
				k -> new LineGroup(line, schema.fields(line.type()), rulesByEvent.computeIfAbsent(line.type(),
						type -> schema.fields(type).stream().map(field -> mapping.fieldRule(field.name())).toArray(FieldRule[]::new))));
		group.add(line);
		Long last = lastLineByKey.get(key);
		if (last == null || last <= lineNumber) {
			open.remove(key);
			return group.event();
		}
		joinedLines++;
		return null;
	}

	/** Lines that joined a group whose event came at a later line. */
	long joinedLines() {
		return joinedLines;
	}

	/** Takes one group still open (none is, unless the file changed between the passes), or null. */
	Event takeLeftOver() {
		var first = open.entrySet().stream().findFirst();
		if (first.isEmpty()) {
			return null;
		}
		open.remove(first.get().getKey());
		joinedLines--;
		return first.get().getValue().event();
	}
}
