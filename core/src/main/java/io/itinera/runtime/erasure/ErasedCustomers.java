package io.itinera.runtime.erasure;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The suppression list of erased customers: for each, a salted SHA-256 of the id and when it was
 * erased, never the id itself. Events of a listed customer are dropped and counted, except the
 * re-consent event ({@value #RECONSENT_EVENT}), which takes them off the list: they start afresh.
 * Thread-safe (the workers of a run share one). Whoever owns the list makes changes durable through
 * the {@code persist} callback, which gets {@link #toBytes()} after every {@link #add} and {@link #lift}.
 */
public final class ErasedCustomers {
	/** The event type that brings an erased customer back (a new, documented consent). */
	public static final String RECONSENT_EVENT = "reconsent";
	private static final int FORMAT = 1;
	private static final int SALT_BYTES = 16;

	private final byte[] salt;
	private final Map<String, Long> erasedAt = new ConcurrentHashMap<>();
	private final AtomicLong droppedEvents = new AtomicLong();
	private final ThreadLocal<MessageDigest> digests = ThreadLocal.withInitial(ErasedCustomers::sha256);
	private volatile Consumer<byte[]> persist;

	private ErasedCustomers(byte[] salt, Consumer<byte[]> persist) {
		this.salt = salt;
		this.persist = persist;
	}

	/** An empty list with a new random salt; {@code persist} may be null (nothing outlives the process). */
	public static ErasedCustomers fresh(Consumer<byte[]> persist) {
		byte[] salt = new byte[SALT_BYTES];
		new SecureRandom().nextBytes(salt);
		return new ErasedCustomers(salt, persist);
	}

	/** An empty list with this salt (hosts whose parts must agree on one: the subtasks of a Flink job). */
	public static ErasedCustomers withSalt(byte[] salt, Consumer<byte[]> persist) {
		return new ErasedCustomers(salt.clone(), persist);
	}

	/**
	 * Adds the entries of a list {@link #toBytes()} wrote with the same salt (the parts of a list kept
	 * apart, joined again); false, and nothing added, when its salt is another.
	 */
	public boolean addAll(byte[] bytes) {
		ErasedCustomers other = fromBytes(bytes, null);
		if (!java.util.Arrays.equals(other.salt, salt)) {
			return false;
		}
		other.erasedAt.forEach(erasedAt::putIfAbsent);
		return true;
	}

	/** The list {@link #toBytes()} wrote, or a fresh one for null. */
	public static ErasedCustomers fromBytes(byte[] bytes, Consumer<byte[]> persist) {
		if (bytes == null) {
			return fresh(persist);
		}
		try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
			int format = in.readUnsignedByte();
			if (format != FORMAT) {
				throw new IllegalStateException("the list of erased customers is of format " + format
						+ ", newer than this itinera reads; use a newer itinera");
			}
			byte[] salt = new byte[in.readUnsignedByte()];
			in.readFully(salt);
			ErasedCustomers list = new ErasedCustomers(salt, persist);
			int count = in.readInt();
			byte[] hash = new byte[32];
			for (int i = 0; i < count; i++) {
				in.readFully(hash);
				list.erasedAt.put(HexFormat.of().formatHex(hash), in.readLong());
			}
			return list;
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	public byte[] toBytes() {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(6 + salt.length + erasedAt.size() * 40);
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			out.writeByte(FORMAT);
			out.writeByte(salt.length);
			out.write(salt);
			Map<String, Long> snapshot = Map.copyOf(erasedAt);
			out.writeInt(snapshot.size());
			for (Map.Entry<String, Long> entry : snapshot.entrySet()) {
				out.write(HexFormat.of().parseHex(entry.getKey()));
				out.writeLong(entry.getValue());
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return bytes.toByteArray();
	}

	/** Where later changes go (a host that loads the list before it knows where to keep it). */
	public void persistTo(Consumer<byte[]> target) {
		this.persist = target;
	}

	public boolean isEmpty() {
		return erasedAt.isEmpty();
	}

	public int size() {
		return erasedAt.size();
	}

	public boolean contains(String customerId) {
		return !erasedAt.isEmpty() && erasedAt.containsKey(hash(customerId));
	}

	/** When the customer was erased (epoch milliseconds), empty when they are not on the list. */
	public OptionalLong erasedAt(String customerId) {
		Long at = erasedAt.isEmpty() ? null : erasedAt.get(hash(customerId));
		return at == null ? OptionalLong.empty() : OptionalLong.of(at);
	}

	/** Puts the customer on the list (a second erasure keeps the first time) and persists it. */
	public void add(String customerId, long at) {
		addWithoutPersisting(customerId, at);
		persist();
	}

	/** Puts the customer on the list; the caller writes {@link #toBytes()} with its own atomic write. */
	public void addWithoutPersisting(String customerId, long at) {
		erasedAt.putIfAbsent(hash(customerId), at);
	}

	/** Takes the customer off the list (their re-consent), persisted; false when they were not on it. */
	public boolean lift(String customerId) {
		boolean removed = erasedAt.remove(hash(customerId)) != null;
		if (removed) {
			persist();
		}
		return removed;
	}

	/** An event of an erased customer was dropped. */
	public void countDropped() {
		droppedEvents.incrementAndGet();
	}

	/** Events dropped because their customer was erased, by this process. */
	public long droppedEvents() {
		return droppedEvents.get();
	}

	private synchronized void persist() {
		Consumer<byte[]> target = persist;
		if (target != null) {
			target.accept(toBytes());
		}
	}

	private String hash(String customerId) {
		MessageDigest digest = digests.get();
		digest.reset();
		digest.update(salt);
		return HexFormat.of().formatHex(digest.digest(customerId.getBytes(StandardCharsets.UTF_8)));
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("this Java has no SHA-256", e);
		}
	}
}
