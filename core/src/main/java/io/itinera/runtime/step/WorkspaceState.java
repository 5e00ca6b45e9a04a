package io.itinera.runtime.step;

import io.itinera.runtime.feature.Varint;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * A workspace customer: their state in each journey ({@code part(i)} in journey {@code
 * partNames().get(i)}), kept and encoded as one record (codec version 3: customer id, then per journey
 * its name and its state's own bytes, then the workspace's extensions), with extensions of its own
 * (the workspace's caps and held messages). It is a {@link CustomerState} so that hosts, stores and
 * codecs carry it unchanged; the journey fields it inherits stay empty (a workspace customer is in no
 * stage of its own).
 */
public final class WorkspaceState extends CustomerState {
	private final String[] partNames;
	private final CustomerState[] parts;

	private WorkspaceState(String customerId, String[] partNames, CustomerState[] parts) {
		super(customerId);
		this.partNames = partNames;
		this.parts = parts;
	}

	public static WorkspaceState of(String customerId, String[] names, CustomerState[] parts) {
		if (names.length != parts.length) {
			throw new IllegalArgumentException("one state per journey");
		}
		return new WorkspaceState(customerId, names.clone(), parts.clone());
	}

	/** The journeys, in this state's order. */
	public List<String> partNames() {
		return List.of(partNames);
	}

	/** The customer's state in journey {@code name}, or null when this state holds none for it. */
	public CustomerState part(String name) {
		int i = indexOf(name);
		return i < 0 ? null : parts[i];
	}

	/** The {@code i}-th journey's state (live: the step updates it in place). */
	public CustomerState part(int i) {
		return parts[i];
	}

	/** A copy of this state with the customer's state in journey {@code name} replaced. */
	public WorkspaceState withPart(String name, CustomerState part) {
		int i = indexOf(name);
		if (i < 0) {
			throw new IllegalArgumentException("the workspace state of " + customerId() + " holds no journey " + name);
		}
		WorkspaceState copy = copy();
		copy.parts[i] = part;
		return copy;
	}

	private int indexOf(String name) {
		for (int i = 0; i < partNames.length; i++) {
			if (partNames[i].equals(name)) {
				return i;
			}
		}
		return -1;
	}

	@Override
	public WorkspaceState copy() {
		CustomerState[] copies = new CustomerState[parts.length];
		for (int i = 0; i < parts.length; i++) {
			copies[i] = parts[i].copy();
		}
		WorkspaceState copy = new WorkspaceState(customerId(), partNames.clone(), copies);
		copy.extensions = extensions == null ? null : new TreeMap<>(extensions);
		return copy;
	}

	@Override
	public void writeTo(DataOutput out) throws IOException {
		out.writeByte(COMPOSITE_VERSION);
		out.writeUTF(customerId());
		Varint.writeUnsigned(out, parts.length);
		for (int i = 0; i < parts.length; i++) {
			out.writeUTF(partNames[i]);
			byte[] part = parts[i].toBytes();
			Varint.writeUnsigned(out, part.length);
			out.write(part);
		}
		writeExtensions(out);
	}

	/** The rest of a version-3 record, after its version byte. */
	static WorkspaceState read(DataInputStream in) throws IOException {
		String customerId = in.readUTF();
		int count = (int) Varint.readUnsigned(in);
		String[] names = new String[count];
		CustomerState[] parts = new CustomerState[count];
		for (int i = 0; i < count; i++) {
			names[i] = in.readUTF();
			byte[] part = new byte[(int) Varint.readUnsigned(in)];
			in.readFully(part);
			parts[i] = fromBytes(part);
			if (parts[i] instanceof WorkspaceState) {
				throw new IOException("a workspace state inside a workspace state");
			}
		}
		WorkspaceState state = new WorkspaceState(customerId, names, parts);
		state.readExtensions(in);
		return state;
	}

	@Override
	public boolean equals(Object other) {
		return super.equals(other) && other instanceof WorkspaceState that && Arrays.equals(partNames, that.partNames)
				&& Arrays.equals(parts, that.parts);
	}

	@Override
	public int hashCode() {
		return super.hashCode();
	}

	@Override
	public String toString() {
		return "WorkspaceState[" + customerId() + ", journeys=" + partNames() + "]";
	}
}
