package io.itinera.runtime.step;

import io.itinera.runtime.feature.DataBytes;
import io.itinera.runtime.feature.FeatureSlot;
import io.itinera.runtime.feature.Varint;
import io.itinera.runtime.scoring.Recommendation;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything the journey remembers about one customer. Serialised with {@link #toBytes()} for
 * durable stores; the encoding is compact and versioned. Arrays (features, scores, attributes) are
 * indexed like the plan's declarations; the step function sizes them. The step function owns the
 * mutation; everyone else reads. A workspace customer's state, one of these per journey, is a
 * {@link WorkspaceState}.
 */
public sealed class CustomerState permits WorkspaceState {
	static final long NEVER = Long.MIN_VALUE;
	/** 2 added recommendations; version 1 states (written before) read as having none. */
	private static final int CODEC_VERSION = 2;
	private static final int OLDEST_READABLE_VERSION = 1;
	/** A workspace customer: one state per journey, by name, and the workspace's own extensions ({@link WorkspaceState}). */
	static final int COMPOSITE_VERSION = 3;
	private static final FeatureSlot[] NO_FEATURES = new FeatureSlot[0];
	private static final double[] NO_SCORES = new double[0];
	private static final Recommendation[] NO_RECOMMENDATIONS = new Recommendation[0];
	private static final long[] NO_BITS = new long[0];
	private static final Object[] NO_ATTRIBUTES = new Object[0];

	private final String customerId;
	String stage;
	boolean inJourney;
	int visits;
	long enteredAt = NEVER;
	long stageEnteredAt = NEVER;
	long lastExitAt = NEVER;
	long goalReachedAt = NEVER;
	// A plan without models, triggers or attributes leaves these empty: one shared empty array each, not five
	// per customer (and no memory to fetch for them in every step).
	FeatureSlot[] features = NO_FEATURES;
	double[] scores = NO_SCORES;
	/** Per model: a recommender's latest items (null for scoring models and before the first answer). */
	Recommendation[] recommendations = NO_RECOMMENDATIONS;
	/** Bit i set: score trigger i has fired and waits for its condition (or hysteresis) to release it. */
	long[] firedTriggers = NO_BITS;
	Object[] attributes = NO_ATTRIBUTES;
	List<String> pendingTimers = new ArrayList<>(2);
	/** Created on first use: most customers never get a tag or an extension. */
	TreeSet<String> tags;
	/** Room for later parts (cap counters, held actions): opaque bytes by key, kept by the codec. */
	TreeMap<String, byte[]> extensions;
	CustomerState(String customerId) {
		this.customerId = customerId;
	}

	public static CustomerState initial(String customerId) {
		return new CustomerState(customerId);
	}

	public String customerId() {
		return customerId;
	}

	/** A recommender's latest answer (before exclusions), null when none yet. */
	public Recommendation recommendation(int modelIndex) {
		return modelIndex < recommendations.length ? recommendations[modelIndex] : null;
	}

	/** The current stage, or null when the customer is not in the journey. */
	public String stage() {
		return inJourney ? stage : null;
	}

	/** The stage the customer is in or was in last (null before they ever entered). */
	public String lastStage() {
		return stage;
	}

	public boolean inJourney() {
		return inJourney;
	}

	/** How many times the customer has entered the journey. */
	public int visits() {
		return visits;
	}

	/** When the current (or last) visit began, or {@link Long#MIN_VALUE} if never. */
	public long enteredAt() {
		return enteredAt;
	}

	public long stageEnteredAt() {
		return stageEnteredAt;
	}

	/** When the customer last left the journey, or {@link Long#MIN_VALUE} if never. */
	public long lastExitAt() {
		return lastExitAt;
	}

	/** When this visit reached the goal, or {@link Long#MIN_VALUE} if not (yet). */
	public long goalReachedAt() {
		return goalReachedAt;
	}

	public boolean goalReached() {
		return goalReachedAt != NEVER;
	}

	/** The latest score of the i-th declared model, NaN if none yet. */
	public double score(int modelIndex) {
		return modelIndex < scores.length ? scores[modelIndex] : Double.NaN;
	}

	/** The value of the i-th declared customer attribute, or null. */
	public Object attribute(int attributeIndex) {
		return attributeIndex < attributes.length ? attributes[attributeIndex] : null;
	}

	/** The i-th declared feature's slot (live: copy it before changing it), or null. */
	public FeatureSlot feature(int featureIndex) {
		return featureIndex < features.length ? features[featureIndex] : null;
	}

	/** Bit {@code index} of the fired score triggers. */
	public boolean triggerFired(int index) {
		return index / 64 < firedTriggers.length && (firedTriggers[index / 64] & (1L << (index % 64))) != 0;
	}

	/**
	 * What a customer becomes under another version of the plan (the change package's customer
	 * migration): arrays laid out like that plan's declarations, the stage and timers it gives them.
	 * Everything else is kept.
	 */
	public record Migrated(String stage, boolean inJourney, long lastExitAt, FeatureSlot[] features, double[] scores,
			Recommendation[] recommendations, long[] firedTriggers, Object[] attributes, List<String> pendingTimers) {
	}

	public CustomerState migrated(Migrated to) {
		CustomerState migrated = copy();
		migrated.stage = to.stage();
		migrated.inJourney = to.inJourney();
		migrated.lastExitAt = to.lastExitAt();
		migrated.features = to.features().clone();
		migrated.scores = to.scores().clone();
		migrated.recommendations = to.recommendations().clone();
		migrated.firedTriggers = to.firedTriggers().clone();
		migrated.attributes = to.attributes().clone();
		migrated.pendingTimers = new ArrayList<>(to.pendingTimers());
		return migrated;
	}

	public List<String> pendingTimers() {
		return Collections.unmodifiableList(pendingTimers);
	}

	public Set<String> tags() {
		return tags == null ? Set.of() : Collections.unmodifiableSet(tags);
	}

	void addTag(String tag) {
		if (tags == null) {
			tags = new TreeSet<>();
		}
		tags.add(tag);
	}

	void removeTag(String tag) {
		if (tags != null) {
			tags.remove(tag);
		}
	}

	public byte[] extension(String key) {
		byte[] value = extensions == null ? null : extensions.get(key);
		return value == null ? null : value.clone();
	}

	/** Stores opaque state of a later part (caps, held actions) that travels with the customer. */
	public void putExtension(String key, byte[] value) {
		if (value == null) {
			if (extensions != null) {
				extensions.remove(key);
			}
		} else {
			if (extensions == null) {
				extensions = new TreeMap<>();
			}
			extensions.put(key, value.clone());
		}
	}

	public CustomerState copy() {
		CustomerState copy = new CustomerState(customerId);
		copy.stage = stage;
		copy.inJourney = inJourney;
		copy.visits = visits;
		copy.enteredAt = enteredAt;
		copy.stageEnteredAt = stageEnteredAt;
		copy.lastExitAt = lastExitAt;
		copy.goalReachedAt = goalReachedAt;
		copy.features = new FeatureSlot[features.length];
		for (int i = 0; i < features.length; i++) {
			copy.features[i] = features[i] == null ? null : features[i].copy();
		}
		copy.scores = scores.clone();
		copy.recommendations = recommendations.clone();
		copy.firedTriggers = firedTriggers.clone();
		copy.attributes = attributes.clone();
		copy.pendingTimers = new ArrayList<>(pendingTimers);
		copy.tags = tags == null ? null : new TreeSet<>(tags);
		copy.extensions = extensions == null ? null : new TreeMap<>(extensions);
		return copy;
	}

	public byte[] toBytes() {
		DataBytes bytes = new DataBytes(128);
		try {
			writeTo(bytes);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return bytes.toByteArray();
	}

	/** Writes the bytes {@link #toBytes()} gives (a host writes them inside its own record, without a copy). */
	public void writeTo(DataOutput out) throws IOException {
		out.writeByte(CODEC_VERSION);
		out.writeUTF(customerId);
		out.writeBoolean(stage != null);
		if (stage != null) {
			out.writeUTF(stage);
		}
		out.writeBoolean(inJourney);
		Varint.writeUnsigned(out, visits);
		writeTime(out, enteredAt);
		writeTime(out, stageEnteredAt);
		writeTime(out, lastExitAt);
		writeTime(out, goalReachedAt);
		Varint.writeUnsigned(out, features.length);
		for (FeatureSlot slot : features) {
			out.writeBoolean(slot != null);
			if (slot != null) {
				slot.write(out);
			}
		}
		Varint.writeUnsigned(out, scores.length);
		for (double score : scores) {
			out.writeDouble(score);
		}
		writeRecommendations(out);
		Varint.writeUnsigned(out, firedTriggers.length);
		for (long bits : firedTriggers) {
			Varint.writeUnsigned(out, bits);
		}
		Varint.writeUnsigned(out, attributes.length);
		for (Object attribute : attributes) {
			writeValue(out, attribute);
		}
		writeStrings(out, pendingTimers);
		writeStrings(out, tags == null ? List.of() : tags);
		writeExtensions(out);
	}

	void writeExtensions(DataOutput out) throws IOException {
		Varint.writeUnsigned(out, extensions == null ? 0 : extensions.size());
		if (extensions == null) {
			return;
		}
		for (Map.Entry<String, byte[]> extension : extensions.entrySet()) {
			out.writeUTF(extension.getKey());
			Varint.writeUnsigned(out, extension.getValue().length);
			out.write(extension.getValue());
		}
	}

	void readExtensions(DataInputStream in) throws IOException {
		int extensionCount = (int) Varint.readUnsigned(in);
		for (int i = 0; i < extensionCount; i++) {
			String key = in.readUTF();
			byte[] value = new byte[(int) Varint.readUnsigned(in)];
			in.readFully(value);
			putExtension(key, value);
		}
	}

	/** @throws IllegalArgumentException when the bytes are not a state this version can read */
	public static CustomerState fromBytes(byte[] bytes) {
		try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
			int version = in.readUnsignedByte();
			if (version == COMPOSITE_VERSION) {
				return WorkspaceState.read(in);
			}
			if (version < OLDEST_READABLE_VERSION || version > CODEC_VERSION) {
				throw new IllegalArgumentException("customer state version " + version + " is not supported (this itinera reads "
						+ OLDEST_READABLE_VERSION + " to " + COMPOSITE_VERSION
						+ "); the state directory was written by another version of itinera");
			}
			CustomerState state = new CustomerState(in.readUTF());
			state.stage = in.readBoolean() ? in.readUTF() : null;
			state.inJourney = in.readBoolean();
			state.visits = (int) Varint.readUnsigned(in);
			state.enteredAt = readTime(in);
			state.stageEnteredAt = readTime(in);
			state.lastExitAt = readTime(in);
			state.goalReachedAt = readTime(in);
			state.features = new FeatureSlot[(int) Varint.readUnsigned(in)];
			for (int i = 0; i < state.features.length; i++) {
				state.features[i] = in.readBoolean() ? FeatureSlot.read(in) : null;
			}
			state.scores = new double[(int) Varint.readUnsigned(in)];
			for (int i = 0; i < state.scores.length; i++) {
				state.scores[i] = in.readDouble();
			}
			if (version >= 2) {
				state.recommendations = readRecommendations(in);
			}
			state.firedTriggers = new long[(int) Varint.readUnsigned(in)];
			for (int i = 0; i < state.firedTriggers.length; i++) {
				state.firedTriggers[i] = Varint.readUnsigned(in);
			}
			state.attributes = new Object[(int) Varint.readUnsigned(in)];
			for (int i = 0; i < state.attributes.length; i++) {
				state.attributes[i] = readValue(in);
			}
			state.pendingTimers = readStrings(in, new ArrayList<>());
			TreeSet<String> tags = readStrings(in, new TreeSet<>());
			state.tags = tags.isEmpty() ? null : tags;
			state.readExtensions(in);
			return state;
		} catch (IOException e) {
			throw new IllegalArgumentException("customer state bytes are truncated or corrupt", e);
		}
	}

	private void writeRecommendations(DataOutput out) throws IOException {
		Varint.writeUnsigned(out, recommendations.length);
		for (int m = 0; m < recommendations.length; m++) {
			Recommendation recommendation = recommendations[m];
			out.writeBoolean(recommendation != null);
			if (recommendation != null) {
				writeStrings(out, recommendation.items());
				for (float score : recommendation.scores()) {
					out.writeFloat(score);
				}
			}
		}
	}

	private static Recommendation[] readRecommendations(DataInputStream in) throws IOException {
		Recommendation[] recommendations = new Recommendation[(int) Varint.readUnsigned(in)];
		for (int m = 0; m < recommendations.length; m++) {
			if (in.readBoolean()) {
				List<String> items = readStrings(in, new ArrayList<>());
				float[] scores = new float[items.size()];
				for (int i = 0; i < scores.length; i++) {
					scores[i] = in.readFloat();
				}
				recommendations[m] = new Recommendation(items, scores);
			}
		}
		return recommendations;
	}

	private static void writeTime(DataOutput out, long time) throws IOException {
		out.writeBoolean(time != NEVER);
		if (time != NEVER) {
			Varint.writeSigned(out, time);
		}
	}

	private static long readTime(DataInputStream in) throws IOException {
		return in.readBoolean() ? Varint.readSigned(in) : NEVER;
	}

	private static void writeStrings(DataOutput out, java.util.Collection<String> strings) throws IOException {
		Varint.writeUnsigned(out, strings.size());
		for (String string : strings) {
			out.writeUTF(string);
		}
	}

	private static <C extends java.util.Collection<String>> C readStrings(DataInputStream in, C into) throws IOException {
		int size = (int) Varint.readUnsigned(in);
		for (int i = 0; i < size; i++) {
			into.add(in.readUTF());
		}
		return into;
	}

	private static void writeValue(DataOutput out, Object value) throws IOException {
		if (value == null) {
			out.writeByte(0);
		} else if (value instanceof String text) {
			out.writeByte(1);
			out.writeUTF(text);
		} else if (value instanceof Double number) {
			out.writeByte(2);
			out.writeDouble(number);
		} else if (value instanceof Long || value instanceof Integer) {
			out.writeByte(3);
			Varint.writeSigned(out, ((Number) value).longValue());
		} else if (value instanceof Boolean flag) {
			out.writeByte(flag ? 5 : 4);
		} else {
			throw new IllegalArgumentException("attribute values are String, Double, Long or Boolean, not " + value.getClass());
		}
	}

	private static Object readValue(DataInputStream in) throws IOException {
		return switch (in.readUnsignedByte()) {
			case 0 -> null;
			case 1 -> in.readUTF();
			case 2 -> in.readDouble();
			case 3 -> Varint.readSigned(in);
			case 4 -> Boolean.FALSE;
			case 5 -> Boolean.TRUE;
			default -> throw new IOException("unknown attribute value tag");
		};
	}

	@Override
	public boolean equals(Object other) {
		return other != null && other.getClass() == getClass() && other instanceof CustomerState that
				&& customerId.equals(that.customerId) && Objects.equals(stage, that.stage)
				&& inJourney == that.inJourney && visits == that.visits && enteredAt == that.enteredAt
				&& stageEnteredAt == that.stageEnteredAt && lastExitAt == that.lastExitAt
				&& goalReachedAt == that.goalReachedAt && Arrays.equals(features, that.features)
				&& Arrays.equals(scores, that.scores) && Arrays.equals(recommendations, that.recommendations)
				&& Arrays.equals(firedTriggers, that.firedTriggers)
				&& Arrays.equals(attributes, that.attributes) && pendingTimers.equals(that.pendingTimers)
				&& tags().equals(that.tags()) && extensionsEqual(that);
	}

	private boolean extensionsEqual(CustomerState that) {
		Map<String, byte[]> mine = extensions == null ? Map.of() : extensions;
		Map<String, byte[]> theirs = that.extensions == null ? Map.of() : that.extensions;
		if (!mine.keySet().equals(theirs.keySet())) {
			return false;
		}
		for (Map.Entry<String, byte[]> extension : mine.entrySet()) {
			if (!Arrays.equals(extension.getValue(), theirs.get(extension.getKey()))) {
				return false;
			}
		}
		return true;
	}

	@Override
	public int hashCode() {
		return Objects.hash(customerId, stage, inJourney, enteredAt, stageEnteredAt);
	}

	@Override
	public String toString() {
		return "CustomerState[" + customerId + (inJourney ? " in " + stage : " out") + ", timers=" + pendingTimers
				+ ", tags=" + tags() + "]";
	}
}
