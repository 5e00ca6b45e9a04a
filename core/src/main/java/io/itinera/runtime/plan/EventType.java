package io.itinera.runtime.plan;

import java.util.List;

/** An event the journey reacts to, with its typed fields. */
public record EventType(String name, List<FieldDecl> fields, SourceLocation location) {
	public EventType {
		fields = List.copyOf(fields);
	}

	public FieldDecl field(String fieldName) {
		for (FieldDecl field : fields) {
			if (field.name().equals(fieldName)) {
				return field;
			}
		}
		return null;
	}
}
